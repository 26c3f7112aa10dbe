// Saves a training checkpoint as a real TF V2 bundle plus Finetune's meta sidecar, then updates the state file.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { removeAbandonedTemps } from '@finetune/runtime/atomic-write';
import { metaJsonPath } from './bundle-paths';
import { type CheckpointVariable, writeBundle } from './bundle-writer';
import { DEFAULT_MAX_TO_KEEP, knownCheckpoints, pruneCheckpoints, statePathFor } from './checkpoint-dir';
import { type CheckpointMeta, formatMeta, validateMeta } from './checkpoint-meta';
import { writeCheckpointState } from './checkpoint-state';
import { InvalidVariableError } from './errors';
import { GLOBAL_STEP } from './slot-names';

export interface SaveCheckpointOptions {
  /** Checkpoints kept after this save (older ones are deleted). @default 5, tf.train.Saver's max_to_keep */
  maxToKeep: number;
  /** Steps whose checkpoints pruning never removes, e.g. the best by evaluation. @default none */
  pinnedSteps: readonly number[];
  /** File name stem; the prefix is `<dir>/<basename>-<step>`. @default 'model.ckpt', as TF-Slim's train_image_classifier */
  basename: string;
  /** Clock for `createdAt` (tests). */
  now: () => Date;
}

export function defaultSaveCheckpointOptions(): SaveCheckpointOptions {
  return { maxToKeep: DEFAULT_MAX_TO_KEEP, pinnedSteps: [], basename: 'model.ckpt', now: () => new Date() };
}

export interface SavedCheckpoint {
  prefix: string;
  step: number;
  /** Prefixes deleted by pruning. */
  removed: string[];
}

// One save at a time per directory in this process, so state-file updates do not interleave.
const dirLocks = new Map<string, Promise<unknown>>();

async function withDirLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const previous = dirLocks.get(dir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  dirLocks.set(dir, run);
  try {
    return await run;
  } finally {
    if (dirLocks.get(dir) === run) dirLocks.delete(dir);
  }
}

/**
 * Writes `<dir>/model.ckpt-<step>` (`.data-00000-of-00001`, `.meta.json`, `.index`, in that order of
 * visibility), adds an int64 `global_step` as TF does unless given, lists it in the `checkpoint` state
 * file and prunes to `maxToKeep` (plus `pinnedSteps`). Optimizer slots are ordinary variables named as `slotVariableNames` gives.
 */
export async function saveCheckpoint(
  dir: string,
  step: number,
  variables: readonly CheckpointVariable[],
  meta: CheckpointMeta,
  options: Partial<SaveCheckpointOptions> = {},
): Promise<SavedCheckpoint> {
  const opts = { ...defaultSaveCheckpointOptions(), ...options };
  if (!Number.isSafeInteger(step) || step < 0) throw new InvalidVariableError(GLOBAL_STEP, `step must be a non-negative integer, not ${step}`);
  if (!Number.isInteger(opts.maxToKeep) || opts.maxToKeep < 1) throw new RangeError(`saveCheckpoint: maxToKeep must be a positive integer, not ${opts.maxToKeep}`);
  const prefix = join(dir, `${opts.basename}-${step}`);
  validateMeta(meta, metaJsonPath(prefix));
  const all = [...variables];
  const given = all.find((v) => v.name === GLOBAL_STEP);
  if (!given) all.push({ name: GLOBAL_STEP, dtype: 'int64', shape: [], values: new BigInt64Array([BigInt(step)]) });
  else if (given.dtype !== 'int64' || given.shape.length !== 0 || (given.values as BigInt64Array)[0] !== BigInt(step)) {
    throw new InvalidVariableError(GLOBAL_STEP, `must be an int64 scalar equal to the step ${step}`);
  }
  await mkdir(dir, { recursive: true });
  return withDirLock(dir, async () => {
    await removeAbandonedTemps(dir); // what a crashed save left; never visible to readers
    await writeBundle(prefix, all, { sidecars: [{ path: metaJsonPath(prefix), data: formatMeta(meta, step, opts.now()) }] });
    const known = (await knownCheckpoints(dir)).filter((r) => r.prefix !== prefix);
    await writeCheckpointState(dir, {
      modelCheckpointPath: statePathFor(dir, prefix),
      allModelCheckpointPaths: [...known.map((r) => statePathFor(dir, r.prefix)), statePathFor(dir, prefix)],
    });
    const removed = await pruneCheckpoints(dir, opts.maxToKeep, opts.pinnedSteps);
    return { prefix, step, removed };
  });
}
