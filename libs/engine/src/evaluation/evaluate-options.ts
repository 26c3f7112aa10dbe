// Options of one evaluation, as eval_image_classifier's flags, with the reference's defaults.
import { alphaBackgroundFlag, isMovingAverageDecay, MOVING_AVERAGE_DECAY_RANGE, type PreprocessingName } from '@finetune/nets';
import type { SplitName } from '@finetune/datasets';
import { FORWARD_RUNTIMES, type ForwardRuntime } from '@finetune/onnx';
import { describeRange } from '../options/value-range';
import { cpuBudget } from '../parallel/cpu-budget';
import { AUTO_ENGINE_WORKERS } from '../parallel/engine-workers';
import type { EvalBatchSource } from './eval-batches';
import type { EvaluationWorkers } from './evaluation-workers';
import { EvaluationOptionError } from './evaluation-errors';
import { DEFAULT_RECALL_K } from './recall-at-k';

/** eval_image_classifier's --batch_size default. */
export const DEFAULT_EVAL_BATCH_SIZE = 100;
/** eval_image_classifier's --dataset_split_name default for flowers-style datasets. */
export const DEFAULT_EVAL_SPLIT: SplitName = 'validation';
/** eval_image_classifier's --model_name default. */
export const DEFAULT_EVAL_MODEL = 'inception_v3';

export interface EvaluateCheckpointOptions {
  /** `--checkpoint_path`: a checkpoint prefix (or one of its files, or a V1 file), or a train dir whose newest is used. */
  checkpointPath: string;
  /** `--dataset_dir`: a converted dataset (shards, label.txt, manifest.json). */
  datasetDir: string;
  /** `--dataset_name`: when given, must be the manifest's dataset name (a check that the right folder was named). */
  datasetName?: string;
  /** `--dataset_split_name`. @default 'validation' */
  split?: SplitName;
  /** `--model_name`: needed only for checkpoints without Finetune's meta sidecar. @default the sidecar's, else 'inception_v3' */
  modelName?: string;
  /** `--eval_image_size` in pixels. @default the net's default size */
  imageSize?: number;
  /** MobileNet channel multiplier. @default the standard multiplier whose shapes fit the checkpoint */
  depthMultiplier?: number;
  /** `--preprocessing_name`. @default the net's own */
  preprocessingName?: PreprocessingName;
  /** `--alpha_background`: what transparent pixels are composited on, `#rrggbb`, white or black. @default what the checkpoint records, else white */
  alphaBackground?: string;
  /** `--batch_size`: images per forward pass. @default 100 */
  batchSize?: number;
  /** k of recall@k, clamped to the class count. @default 5 */
  k?: number;
  /** `--labels_offset`: subtracted from dataset labels, as the reference does (1 for ImageNet's background class). @default 0 */
  labelsOffset?: number;
  /** `--max_num_batches`: stop after this many batches; 0 evaluates the whole split once. @default 0 */
  maxNumBatches?: number;
  /** Where batches come from. @default the datasets input pipeline in evaluation mode */
  batches?: EvalBatchSource;
  signal?: AbortSignal;
  /**
   * `--engine_workers`: worker threads that each run a share of every batch. @default 0: one per core on wasm
   * and cpu, 1 on TensorFlow
   */
  engineWorkers?: number;
  /**
   * Evaluations of fewer images run on this thread whatever engineWorkers says: starting workers and copying
   * the net to each (about a second) costs more than a second core saves on a few batches. @default 64
   */
  parallelMinImages?: number;
  /**
   * `--runtime`: 'onnx' runs the forward passes on ONNX Runtime (the restored net as an ONNX graph built in memory,
   * batch norms folded), about 5x the engine on a CPU with the same logits; 'tfjs' runs them on the engine and its
   * workers. @default 'onnx'
   */
  runtime?: ForwardRuntime;
  /** ONNX Runtime intra-op threads. @default the process's CPU budget (cpuBudget()) */
  onnxThreads?: number;
  /** Workers to reuse across evaluations (a service keeps one); the evaluation does not end them. @default new workers, ended after */
  workers?: EvaluationWorkers;
  /**
   * `--moving_average_decay`, as eval_image_classifier's: when set (in (0, 1); the decay the checkpoint was trained with),
   * each variable is read from its moving average `<var>/ExponentialMovingAverage` where the checkpoint has one.
   * @default the variables themselves
   */
  movingAverageDecay?: number;
}

/** parallelMinImages's default. */
export const PARALLEL_EVAL_MIN_IMAGES = 64;

type Optional =
  | 'datasetName'
  | 'modelName'
  | 'imageSize'
  | 'depthMultiplier'
  | 'preprocessingName'
  | 'alphaBackground'
  | 'batches'
  | 'signal'
  | 'workers'
  | 'movingAverageDecay';
export type ResolvedEvaluateOptions = Required<Omit<EvaluateCheckpointOptions, Optional>> & Pick<EvaluateCheckpointOptions, Optional>;

function wholeNumber(option: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new EvaluationOptionError(option, value, `must be a whole number of at least ${min}`);
}

/** Fills the defaults and checks every value; the first bad one throws EvaluationOptionError naming its flag. */
export function resolveEvaluateOptions(options: EvaluateCheckpointOptions): ResolvedEvaluateOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as EvaluateCheckpointOptions;
  const o: ResolvedEvaluateOptions = {
    split: DEFAULT_EVAL_SPLIT,
    batchSize: DEFAULT_EVAL_BATCH_SIZE,
    k: DEFAULT_RECALL_K,
    labelsOffset: 0,
    maxNumBatches: 0,
    engineWorkers: AUTO_ENGINE_WORKERS,
    parallelMinImages: PARALLEL_EVAL_MIN_IMAGES,
    runtime: 'onnx',
    onnxThreads: cpuBudget(),
    ...defined,
  };
  if (!o.checkpointPath) throw new EvaluationOptionError('checkpoint_path', o.checkpointPath, 'is required: a checkpoint prefix or a train dir');
  if (!o.datasetDir) throw new EvaluationOptionError('dataset_dir', o.datasetDir, 'is required: the folder of a converted dataset');
  if (o.split !== 'train' && o.split !== 'validation') throw new EvaluationOptionError('dataset_split_name', o.split, 'must be train or validation');
  wholeNumber('batch_size', o.batchSize, 1);
  wholeNumber('recall_k', o.k, 1);
  wholeNumber('labels_offset', o.labelsOffset, 0);
  wholeNumber('max_num_batches', o.maxNumBatches, 0);
  wholeNumber('engine_workers', o.engineWorkers, 0);
  wholeNumber('parallel_min_images', o.parallelMinImages, 0);
  wholeNumber('onnx_threads', o.onnxThreads, 1);
  if (!FORWARD_RUNTIMES.includes(o.runtime)) throw new EvaluationOptionError('runtime', o.runtime, `must be ${FORWARD_RUNTIMES.join(' or ')}`);
  if (o.imageSize !== undefined) wholeNumber('eval_image_size', o.imageSize, 1);
  if (o.depthMultiplier !== undefined && !(o.depthMultiplier > 0 && Number.isFinite(o.depthMultiplier))) {
    throw new EvaluationOptionError('depth_multiplier', o.depthMultiplier, 'must be a positive number');
  }
  if (o.movingAverageDecay !== undefined && !isMovingAverageDecay(o.movingAverageDecay)) {
    throw new EvaluationOptionError('moving_average_decay', o.movingAverageDecay, `must be a number ${describeRange(MOVING_AVERAGE_DECAY_RANGE)}`);
  }
  o.alphaBackground = alphaBackgroundFlag(o.alphaBackground);
  return o;
}
