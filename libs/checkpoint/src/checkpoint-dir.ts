// A train directory's checkpoints: list them, find the newest, prune all but the newest few.
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { syncFolder } from '@finetune/runtime/atomic-write';
import { indexPath, metaJsonPath } from './bundle-paths';
import { type CheckpointRef, isCompleteCheckpoint, scanCheckpoints, stepOf } from './checkpoint-files';
import { readCheckpointState, resolveStatePath, writeCheckpointState } from './checkpoint-state';

/** tf.train.Saver's max_to_keep default, and the reference's "newest 5 checkpoints are kept". */
export const DEFAULT_MAX_TO_KEEP = 5;

/**
 * Checkpoints of `dir`, oldest first: those the `checkpoint` state file lists that are complete on disk,
 * or, without a state file, every complete `.index` found by scanning.
 */
export async function listCheckpoints(dir: string): Promise<CheckpointRef[]> {
  const state = await readCheckpointState(dir);
  if (!state) return scanCheckpoints(dir);
  const paths = [...state.allModelCheckpointPaths];
  // TF lists the newest last; keep model_checkpoint_path last even if a hand-edited file forgot it.
  if (state.modelCheckpointPath !== undefined) {
    const i = paths.indexOf(state.modelCheckpointPath);
    if (i >= 0) paths.splice(i, 1);
    paths.push(state.modelCheckpointPath);
  }
  const refs: CheckpointRef[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const prefix = resolveStatePath(dir, p);
    if (seen.has(prefix) || !(await isCompleteCheckpoint(prefix))) continue;
    seen.add(prefix);
    refs.push({ prefix, step: stepOf(prefix) });
  }
  if (!seen.has(namedNewest(dir, state) ?? '')) {
    // The newest the state file names is half-written or gone (a kill mid-save, a hand edit): add the complete
    // ones on disk, so the newest complete checkpoint is found and a resume continues the same run.
    for (const ref of await scanCheckpoints(dir)) if (!seen.has(ref.prefix)) refs.push(ref);
    refs.sort((a, b) => (a.step ?? -1) - (b.step ?? -1));
  }
  return refs;
}

function namedNewest(dir: string, state: { modelCheckpointPath: string | undefined }): string | undefined {
  return state.modelCheckpointPath === undefined ? undefined : resolveStatePath(dir, state.modelCheckpointPath);
}

export interface LatestCheckpoint {
  /** The newest complete checkpoint; undefined when the directory has none. */
  prefix: string | undefined;
  /** What the state file names as newest when that one is not complete and an older one was taken instead. */
  incomplete?: string;
}

/** The prefix to resume from, as tf.train.latest_checkpoint, but falling back to the newest complete one. */
export async function latestCheckpoint(dir: string): Promise<string | undefined> {
  return (await findLatestCheckpoint(dir)).prefix;
}

/** latestCheckpoint, and whether it had to pass over an incomplete newest checkpoint, for callers that say so. */
export async function findLatestCheckpoint(dir: string): Promise<LatestCheckpoint> {
  const all = await listCheckpoints(dir);
  const prefix = all.at(-1)?.prefix;
  const state = await readCheckpointState(dir);
  const named = state && namedNewest(dir, state);
  return named && named !== prefix ? { prefix, incomplete: named } : { prefix };
}

/**
 * Every checkpoint of `dir`, oldest first: complete ones a crash left unlisted (index renamed, state not
 * yet updated) first, by step, then the listed ones in state order; so orphans are pruned, never leaked.
 */
export async function knownCheckpoints(dir: string): Promise<CheckpointRef[]> {
  const listed = await listCheckpoints(dir);
  const listedPrefixes = new Set(listed.map((r) => r.prefix));
  const orphans = (await scanCheckpoints(dir)).filter((r) => !listedPrefixes.has(r.prefix));
  return [...orphans, ...listed];
}

/** How the state file names a prefix: relative when it lies in the directory, as tf.train.Saver writes it. */
export function statePathFor(dir: string, prefix: string): string {
  const rel = relative(dir, prefix);
  return !rel.startsWith('..') && !isAbsolute(rel) ? rel : prefix;
}

/** Removes a checkpoint's files: the `.index` first, so it stops being visible before its data goes. */
export async function deleteCheckpoint(prefix: string): Promise<void> {
  const gone = (p: string) => unlink(p).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  await gone(indexPath(prefix));
  const base = basename(prefix);
  const names = await readdir(dirname(prefix)).catch(() => [] as string[]);
  for (const n of names) if (n.startsWith(`${base}.data-`)) await gone(join(dirname(prefix), n));
  await gone(metaJsonPath(prefix));
}

/**
 * Keeps the newest `keep` checkpoints and those at `pinnedSteps` (e.g. the best by evaluation), oldest first as
 * before; the state file is rewritten before files go. Returns removed prefixes.
 */
export async function pruneCheckpoints(dir: string, keep = DEFAULT_MAX_TO_KEEP, pinnedSteps: readonly number[] = []): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`pruneCheckpoints: keep must be a positive integer, not ${keep}`);
  const all = await knownCheckpoints(dir);
  const newest = new Set(all.slice(-keep));
  const pinned = new Set(pinnedSteps);
  const isKept = (r: CheckpointRef) => newest.has(r) || (r.step !== undefined && pinned.has(r.step));
  const kept = all.filter(isKept);
  const removed = all.filter((r) => !isKept(r));
  if (kept.length) {
    await writeCheckpointState(dir, {
      modelCheckpointPath: statePathFor(dir, kept[kept.length - 1].prefix),
      allModelCheckpointPaths: kept.map((r) => statePathFor(dir, r.prefix)),
    });
  }
  for (const r of removed) await deleteCheckpoint(r.prefix);
  if (removed.length) await syncFolder(dir);
  return removed.map((r) => r.prefix);
}
