// A training session's whole state (variables, optimizer slots, global step) to and from a checkpoint in train_dir.
import * as tf from '@tensorflow/tfjs';
import { GLOBAL_STEP, openCheckpoint, readFloat32, saveCheckpoint, type CheckpointMeta, type CheckpointVariable } from '@finetune/checkpoint';
import type { JobTrainer } from './job-trainer';

export interface SavedTrainingCheckpoint {
  /** `<train_dir>/model.ckpt-<step>`. */
  prefix: string;
  step: number;
  /** When its files were completely written (after the atomic rename of the `.index`). */
  savedAt: Date;
  /** Older prefixes deleted to keep the newest few (and the best evaluated). */
  removed: string[];
}

/**
 * Exports the trainer's state and writes it as a V2 bundle; saveCheckpoint adds the int64 global_step
 * and makes the `.index` visible last, so a kill at any point leaves either no checkpoint or a whole one.
 */
export async function saveTrainingCheckpoint(
  trainer: Pick<JobTrainer, 'globalStep' | 'exportState'>,
  trainDir: string,
  meta: CheckpointMeta,
  retention: { maxToKeep: number; pinnedSteps: readonly number[] },
): Promise<SavedTrainingCheckpoint> {
  const step = trainer.globalStep;
  const state = trainer.exportState();
  const variables: CheckpointVariable[] = [];
  try {
    for (const [name, tensor] of state) {
      if (name === GLOBAL_STEP) continue;
      const values = tensor.dtype === 'float32' ? ((await tensor.data()) as Float32Array) : Float32Array.from(await tensor.data());
      variables.push({ name, dtype: 'float32', shape: tensor.shape, values });
    }
  } finally {
    tf.dispose([...state.values()]);
  }
  const saved = await saveCheckpoint(trainDir, step, variables, meta, retention);
  return { prefix: saved.prefix, step, savedAt: new Date(), removed: saved.removed };
}

/**
 * Reads the entries of `prefix` that the session owns (`wanted`: its variables, its optimizer's slots and
 * global_step) as tensors the caller disposes. Slots of another optimizer are left out, so a run resumed with
 * a different --optimizer starts that optimizer's slots afresh rather than failing.
 */
export async function readTrainingState(prefix: string, wanted: ReadonlySet<string>): Promise<Map<string, tf.Tensor>> {
  const reader = await openCheckpoint(prefix);
  const state = new Map<string, tf.Tensor>();
  try {
    for (const info of reader.list()) {
      if (!wanted.has(info.name)) continue;
      const values = await readFloat32(reader, info.name);
      state.set(info.name, info.name === GLOBAL_STEP ? tf.scalar(values[0] ?? 0, 'int32') : tf.tensor(values, info.shape, 'float32'));
    }
  } catch (err) {
    tf.dispose([...state.values()]);
    throw err;
  } finally {
    await reader.close();
  }
  return state;
}
