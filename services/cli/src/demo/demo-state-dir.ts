// The demo's state dir is its own: each run starts from an empty one (a second run would otherwise resume the
// first's train dir and export its checkpoint as "best"), unless --resume keeps it.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../command';

/** Written into a state dir the demo made, so a later run knows it may empty it. */
export const DEMO_MARKER = '.finetune-demo';
/** What the demo and its services write there; a folder holding only these is a demo's from before the marker. */
const DEMO_ENTRIES = new Set(['images', 'nats', 'datasets', 'train', 'models', 'jobs', 'evaluator']);

export async function prepareDemoStateDir(stateDir: string, resume: boolean): Promise<'fresh' | 'resumed'> {
  const entries: string[] = await readdir(stateDir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  if (resume && entries.length) return 'resumed';
  if (entries.length) {
    const foreign = entries.includes(DEMO_MARKER) ? [] : entries.filter((e) => !DEMO_ENTRIES.has(e));
    // Never empty a folder the demo did not make: --state-dir may point anywhere.
    if (foreign.length) throw new UsageError(`--state-dir ${stateDir} holds ${foreign.slice(0, 3).join(', ')}, which the demo did not write: give a new folder, or --resume to keep it`);
    await rm(stateDir, { recursive: true, force: true });
  }
  await mkdir(stateDir, { recursive: true });
  await writeFile(path.join(stateDir, DEMO_MARKER), 'finetune demo state; emptied at the start of each run without --resume\n');
  return 'fresh';
}
