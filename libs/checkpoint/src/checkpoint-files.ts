// Finds complete V2 checkpoints on disk: an `.index` plus every data shard it implies.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface CheckpointRef {
  /** The prefix to open, e.g. `train/model.ckpt-1000`. */
  prefix: string;
  /** Parsed from a trailing `-<step>`; undefined for prefixes like `variables/variables`. */
  step: number | undefined;
}

const DATA_SHARD = /^(.*)\.data-(\d{5})-of-(\d{5})$/;

export function stepOf(prefix: string): number | undefined {
  const m = /-(\d+)$/.exec(prefix);
  return m ? Number(m[1]) : undefined;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Whether `names` (one directory's listing) hold `base.index` and all of one `base.data-*-of-N` set. */
function completeIn(names: ReadonlySet<string>, base: string): boolean {
  if (!names.has(`${base}.index`)) return false;
  const counts = new Map<number, Set<number>>();
  for (const n of names) {
    const m = DATA_SHARD.exec(n);
    if (!m || m[1] !== base) continue;
    const of = Number(m[3]);
    if (!counts.has(of)) counts.set(of, new Set());
    counts.get(of)!.add(Number(m[2]));
  }
  for (const [of, shards] of counts) if (of > 0 && shards.size === of && [...shards].every((s) => s < of)) return true;
  return false;
}

export async function isCompleteCheckpoint(prefix: string): Promise<boolean> {
  return completeIn(new Set(await listDir(dirname(prefix))), basename(prefix));
}

/** Complete checkpoints in `dir`, ordered oldest first by step, then by index modification time. */
export async function scanCheckpoints(dir: string): Promise<CheckpointRef[]> {
  const names = new Set(await listDir(dir));
  const refs: (CheckpointRef & { mtime: number })[] = [];
  for (const n of names) {
    if (!n.endsWith('.index')) continue;
    const base = n.slice(0, -'.index'.length);
    if (!completeIn(names, base)) continue;
    const s = await stat(join(dir, n)).catch(() => undefined);
    refs.push({ prefix: join(dir, base), step: stepOf(base), mtime: s?.mtimeMs ?? 0 });
  }
  refs.sort((a, b) => (a.step ?? -1) - (b.step ?? -1) || a.mtime - b.mtime);
  return refs.map(({ prefix, step }) => ({ prefix, step }));
}
