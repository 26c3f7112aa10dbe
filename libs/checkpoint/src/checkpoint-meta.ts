// Finetune's `<prefix>.meta.json` sidecar: which model, which labels, when, at which step.
import { readFile } from 'node:fs/promises';
import { metaJsonPath } from './bundle-paths';
import { InvalidCheckpointMetaError } from './errors';

export const META_FORMAT = 'finetune.checkpoint.meta/v1';

export interface CheckpointMeta {
  /** As the user types it: `inception_v3`, `mobilenet_v2`. */
  modelName: string;
  numClasses: number;
  /** Line i of label.txt: the name of label i. */
  labelNames: string[];
  /** ISO 8601; filled in at save time when absent. */
  createdAt?: string;
  /** MobileNet width (depth_multiplier) the net was built with; variable shapes depend on it. */
  depthMultiplier?: number;
  /** Square input size the net was trained at. */
  imageSize?: number;
  /**
   * The preprocessing (`--preprocessing_name`) the net was trained with, so evaluation, export and serving feed it
   * the same input; absent in checkpoints older than the field (the net's own then).
   */
  preprocessing?: string;
  /**
   * What transparent pixels were composited on in training (`--alpha_background`, `#rrggbb`), so evaluation, export
   * and serving do the same; absent in checkpoints older than the field (white then). Checked where it is used.
   */
  alphaBackground?: string;
  /**
   * The `--moving_average_decay` training kept averages at: the checkpoint holds `<var>/ExponentialMovingAverage`
   * beside its variables, and the evaluator's automatic evaluations read those (checked where used). Absent: trained without averages (or
   * saved before the field).
   */
  movingAverageDecay?: number;
}

type OptionalMeta = 'depthMultiplier' | 'imageSize' | 'preprocessing' | 'alphaBackground' | 'movingAverageDecay';

export interface StoredCheckpointMeta extends Required<Omit<CheckpointMeta, OptionalMeta>>, Pick<CheckpointMeta, OptionalMeta> {
  format: typeof META_FORMAT;
  step: number;
}

export function validateMeta(meta: CheckpointMeta, file: string): void {
  if (typeof meta.modelName !== 'string' || !meta.modelName) throw new InvalidCheckpointMetaError(file, 'modelName', 'must be a non-empty string');
  if (!Number.isInteger(meta.numClasses) || meta.numClasses < 1) throw new InvalidCheckpointMetaError(file, 'numClasses', `must be a positive integer, not ${meta.numClasses}`);
  if (!Array.isArray(meta.labelNames) || !meta.labelNames.every((l) => typeof l === 'string')) {
    throw new InvalidCheckpointMetaError(file, 'labelNames', 'must be an array of strings');
  }
  for (const field of ['depthMultiplier', 'imageSize'] as const) {
    const v = meta[field];
    if (v !== undefined && !(typeof v === 'number' && v > 0)) throw new InvalidCheckpointMetaError(file, field, `must be a positive number, not ${v}`);
  }
  for (const field of ['preprocessing', 'alphaBackground'] as const) {
    const v = meta[field];
    if (v !== undefined && !(typeof v === 'string' && v)) throw new InvalidCheckpointMetaError(file, field, `must be a non-empty string, not ${JSON.stringify(v)}`);
  }
  // Its range, (0, 1), is nets' (MOVING_AVERAGE_DECAY_RANGE), above this lib: checked where it is used.
  const decay = meta.movingAverageDecay;
  if (decay !== undefined && !(typeof decay === 'number' && Number.isFinite(decay))) {
    throw new InvalidCheckpointMetaError(file, 'movingAverageDecay', `must be a number, not ${JSON.stringify(decay)}`);
  }
  if (meta.labelNames.length && meta.labelNames.length !== meta.numClasses) {
    throw new InvalidCheckpointMetaError(file, 'labelNames', `has ${meta.labelNames.length} names for numClasses ${meta.numClasses}`);
  }
}

export function formatMeta(meta: CheckpointMeta, step: number, now: Date): string {
  const stored: StoredCheckpointMeta = {
    format: META_FORMAT,
    step,
    modelName: meta.modelName,
    numClasses: meta.numClasses,
    labelNames: [...meta.labelNames],
    createdAt: meta.createdAt ?? now.toISOString(),
    ...(meta.depthMultiplier !== undefined && { depthMultiplier: meta.depthMultiplier }),
    ...(meta.imageSize !== undefined && { imageSize: meta.imageSize }),
    ...(meta.preprocessing !== undefined && { preprocessing: meta.preprocessing }),
    ...(meta.alphaBackground !== undefined && { alphaBackground: meta.alphaBackground }),
    ...(meta.movingAverageDecay !== undefined && { movingAverageDecay: meta.movingAverageDecay }),
  };
  return `${JSON.stringify(stored, null, 2)}\n`;
}

/** The sidecar of a checkpoint prefix, or undefined for checkpoints TensorFlow wrote (they have none). */
export async function readCheckpointMeta(prefix: string): Promise<StoredCheckpointMeta | undefined> {
  const file = metaJsonPath(prefix);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let parsed: StoredCheckpointMeta;
  try {
    parsed = JSON.parse(text) as StoredCheckpointMeta;
  } catch (err) {
    throw new InvalidCheckpointMetaError(file, '(json)', `is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed?.format !== META_FORMAT) throw new InvalidCheckpointMetaError(file, 'format', `must be ${META_FORMAT}`);
  validateMeta(parsed, file);
  if (!Number.isSafeInteger(parsed.step) || parsed.step < 0) throw new InvalidCheckpointMetaError(file, 'step', 'must be a non-negative integer');
  return parsed;
}
