// Which train dirs a board shows: --logdir as TensorBoard takes it (one dir, several comma-separated, `name:dir`
// pairs, or a parent of train dirs), looked at again on every reload so runs started later appear.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { EVAL_DIR_NAME, SUMMARIES_FILE } from '@finetune/engine';
import { UsageError } from '../command';

export interface LogDir {
  /** Prefix of its runs' names when several are given; '' for one. */
  name: string;
  dir: string;
}

export interface Run {
  /** Unique on the board: the train dir relative to its log dir, prefixed with the log dir's name. */
  name: string;
  dir: string;
}

/** How deep under a log dir train dirs are looked for (satellite/train_dir/head is 2 below satellite). */
const MAX_DEPTH = 3;

/** Parses --logdir; a `name:` prefix is taken only when it has no path separator, so `/a:b` stays a path. */
export function parseLogDirs(spec: string): LogDir[] {
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new UsageError('--logdir is required: a train dir, a folder of train dirs, or several comma-separated (name:dir pairs allowed)');
  const dirs = parts.map((part) => {
    const m = /^([^/\\:]+):(.+)$/.exec(part);
    // C:\runs is a Windows path, not a run named C.
    return m && !/^[A-Za-z]:\\/.test(part) ? { name: m[1]!, dir: path.resolve(m[2]!) } : { name: '', dir: path.resolve(part) };
  });
  if (dirs.length > 1) for (const d of dirs) d.name ||= path.basename(d.dir);
  return dirs;
}

/** Refuses a log dir that is not a folder now, naming it; runs inside may come later. */
export async function checkLogDirs(dirs: LogDir[]): Promise<void> {
  for (const { dir } of dirs) {
    const s = await stat(dir).catch(() => undefined);
    if (!s?.isDirectory()) throw new UsageError(`--logdir ${dir}: no such folder; give a train dir (--train_dir of finetune train) or a folder of them`);
  }
}

/** A train dir holds summaries, evaluations or a checkpoint state file. */
async function isTrainDir(dir: string, names: string[]): Promise<boolean> {
  return names.includes(SUMMARIES_FILE) || names.includes('checkpoint') || (names.includes(EVAL_DIR_NAME) && (await stat(path.join(dir, EVAL_DIR_NAME))).isDirectory());
}

/** Every train dir under the log dirs, by name. */
export async function findRuns(dirs: LogDir[]): Promise<Run[]> {
  const runs: Run[] = [];
  const walk = async (root: LogDir, dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const names = entries.map((e) => e.name);
    if (await isTrainDir(dir, names).catch(() => false)) {
      const rel = path.relative(root.dir, dir);
      const name = [root.name, rel].filter(Boolean).join('/') || path.basename(dir);
      runs.push({ name, dir });
      return;
    }
    if (depth >= MAX_DEPTH) return;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) await walk(root, path.join(dir, e.name), depth + 1);
  };
  for (const root of dirs) await walk(root, root.dir, 0);
  return runs.sort((a, b) => a.name.localeCompare(b.name));
}
