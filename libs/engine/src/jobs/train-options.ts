// Options of one training job — the flags of TF-Slim's train_image_classifier.py — with the reference's defaults.
import type { SplitName } from '@finetune/datasets';
import { getNet, parseScopes, type PreprocessingName } from '@finetune/nets';
import { defaultOptimizerOptions, OPTIMIZER_FLAGS, type OptimizerOptions } from '../optimizers/optimizer-options';
import type { OptimizerName } from '../optimizers/optimizer';
import { END_LEARNING_RATE, LEARNING_RATE, LEARNING_RATE_DECAY_FACTOR, NUM_EPOCHS_PER_DECAY, type ScheduleName } from '../schedules/learning-rate-schedule';
import { AUTO_ENGINE_WORKERS } from '../parallel/engine-workers';
import type { FrozenBatchNorm } from '../training/split-plan';
import { WEIGHT_DECAY } from '../training/weight-decay';
import { TrainOptionError } from './train-errors';

/** --model_name default of the reference. */
export const MODEL_NAME = 'inception_v3';
/** --dataset_split_name default. */
export const DATASET_SPLIT_NAME: SplitName = 'train';
/** --batch_size default: examples per step. */
export const BATCH_SIZE = 32;
/** --save_interval_secs default, in seconds. */
export const SAVE_INTERVAL_SECS = 600;
/** --save_summaries_secs default, in seconds. */
export const SAVE_SUMMARIES_SECS = 600;
/** --log_every_n_steps default. */
export const LOG_EVERY_N_STEPS = 10;
/** --num_preprocessing_threads default (the reference's value). */
export const NUM_PREPROCESSING_THREADS = 4;
/** --optimizer default. */
export const OPTIMIZER: OptimizerName = 'rmsprop';
/** --learning_rate_decay_type default. */
export const LEARNING_RATE_DECAY_TYPE: ScheduleName = 'exponential';
/** tf.train.Saver's max_to_keep: the newest 5 checkpoints are kept. */
export const MAX_CHECKPOINTS_TO_KEEP = 5;
/** `--checkpoint_path` value that starts from random initialisation, as the reference does without the flag. */
export const FROM_SCRATCH = 'none';

export const OPTIMIZER_CHOICES: readonly OptimizerName[] = ['rmsprop', 'adam', 'momentum', 'sgd', 'adagrad', 'adadelta', 'ftrl'];
export const DECAY_TYPE_CHOICES: readonly ScheduleName[] = ['fixed', 'exponential', 'polynomial'];
export const FROZEN_BATCH_NORM_CHOICES: readonly FrozenBatchNorm[] = ['inference', 'batch-statistics'];
export const SPLIT_CHOICES: readonly SplitName[] = ['train', 'validation'];
const PREPROCESSING_CHOICES: readonly PreprocessingName[] = ['inception', 'vgg'];

export interface TrainOptions {
  /** --train_dir: checkpoints and summaries go here; a checkpoint already in it is resumed. */
  trainDir: string;
  /** --dataset_dir: a converted dataset (shards, label.txt, manifest.json). */
  datasetDir: string;
  /** --dataset_name: when given, must be the manifest's name (a check that the right folder was named). */
  datasetName?: string;
  /** --dataset_split_name. @default 'train' */
  datasetSplitName: SplitName;
  /** --labels_offset: subtracted from dataset labels, as the reference does. @default 0 */
  labelsOffset: number;
  /** --model_name. @default 'inception_v3' */
  modelName: string;
  /** MobileNet channel multiplier (no reference flag; nets_factory's depth_multiplier). @default the net's 1.0 */
  depthMultiplier?: number;
  /** --preprocessing_name. @default the net's own */
  preprocessingName?: PreprocessingName;
  /** --train_image_size in pixels. @default the net's default size */
  trainImageSize?: number;
  /**
   * --checkpoint_path: a checkpoint, a directory (its newest), `builtin:<model>`, or 'none' for random
   * initialisation. Ignored when train_dir holds a checkpoint. @default `builtin:<model_name>` where one is embedded, else 'none'
   */
  checkpointPath?: string;
  /** --checkpoint_exclude_scopes: not restored from checkpoint_path. @default none */
  checkpointExcludeScopes: string[];
  /** --trainable_scopes: what is trained. @default everything */
  trainableScopes: string[];
  /** --ignore_missing_vars. @default false */
  ignoreMissingVars: boolean;
  /** --max_number_of_steps: the job ends at this global step; 0 runs until stopped. @default 0 */
  maxNumberOfSteps: number;
  /** --batch_size. @default 32 */
  batchSize: number;
  /** --learning_rate. @default 0.01 */
  learningRate: number;
  /** --learning_rate_decay_type. @default 'exponential' */
  learningRateDecayType: ScheduleName;
  /** --learning_rate_decay_factor. @default 0.94 */
  learningRateDecayFactor: number;
  /** --num_epochs_per_decay. @default 2.0 */
  numEpochsPerDecay: number;
  /** --end_learning_rate. @default 0.0001 */
  endLearningRate: number;
  /** --label_smoothing, in [0, 1). @default 0 */
  labelSmoothing: number;
  /** --optimizer. @default 'rmsprop' */
  optimizer: OptimizerName;
  /** --opt_epsilon, --rmsprop_decay, --adam_beta1 … with the reference's defaults. */
  optimizerOptions: OptimizerOptions;
  /** --weight_decay. @default 0.00004 */
  weightDecay: number;
  /** --frozen_batch_norm: how batch norm runs outside trainable_scopes. @default 'inference' */
  frozenBatchNorm: FrozenBatchNorm;
  /** --save_interval_secs. @default 600 */
  saveIntervalSecs: number;
  /** --save_summaries_secs: seconds between lines of `<train_dir>/summaries.jsonl`. @default 600 */
  saveSummariesSecs: number;
  /** --log_every_n_steps. @default 10 */
  logEveryNSteps: number;
  /** --num_preprocessing_threads: worker threads decoding and augmenting. @default 4 */
  numPreprocessingThreads: number;
  /** Random crop, flip and colour distortion of the reference; off makes head-only runs use the feature cache. @default true */
  augment: boolean;
  /** Checkpoints kept in train_dir. @default 5 */
  maxCheckpointsToKeep: number;
  /** Seeds shard order, shuffling and augmentation. @default a fresh one per job, as tf.data's seed=None */
  seed?: number;
  /**
   * --engine_workers: worker threads that each compute the gradients of a share of every batch (no reference
   * flag; --num_clones gives each clone a whole batch). @default 0: one per core on wasm and cpu, 1 on TensorFlow
   */
  engineWorkers: number;
}

export function defaultTrainOptions(): Omit<TrainOptions, 'trainDir' | 'datasetDir'> {
  return {
    datasetSplitName: DATASET_SPLIT_NAME,
    labelsOffset: 0,
    modelName: MODEL_NAME,
    checkpointExcludeScopes: [],
    trainableScopes: [],
    ignoreMissingVars: false,
    maxNumberOfSteps: 0,
    batchSize: BATCH_SIZE,
    learningRate: LEARNING_RATE,
    learningRateDecayType: LEARNING_RATE_DECAY_TYPE,
    learningRateDecayFactor: LEARNING_RATE_DECAY_FACTOR,
    numEpochsPerDecay: NUM_EPOCHS_PER_DECAY,
    endLearningRate: END_LEARNING_RATE,
    labelSmoothing: 0,
    optimizer: OPTIMIZER,
    optimizerOptions: defaultOptimizerOptions(),
    weightDecay: WEIGHT_DECAY,
    frozenBatchNorm: 'inference',
    saveIntervalSecs: SAVE_INTERVAL_SECS,
    saveSummariesSecs: SAVE_SUMMARIES_SECS,
    logEveryNSteps: LOG_EVERY_N_STEPS,
    numPreprocessingThreads: NUM_PREPROCESSING_THREADS,
    augment: true,
    maxCheckpointsToKeep: MAX_CHECKPOINTS_TO_KEEP,
    engineWorkers: AUTO_ENGINE_WORKERS,
  };
}

/** What callers pass: the two folders, anything else overrides a default (undefined keeps it). */
export type TrainOptionsInput = Pick<TrainOptions, 'trainDir' | 'datasetDir'> &
  Partial<Omit<TrainOptions, 'optimizerOptions' | 'checkpointExcludeScopes' | 'trainableScopes'>> & {
    optimizerOptions?: Partial<OptimizerOptions>;
    /** Comma-separated as the reference takes them, or a list. */
    checkpointExcludeScopes?: string | readonly string[];
    trainableScopes?: string | readonly string[];
  };

function oneOf<T extends string>(flag: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T)) throw new TrainOptionError(flag, value, `expected one of ${choices.join(', ')}`);
  return value as T;
}

function wholeNumber(flag: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new TrainOptionError(flag, value, `expected a whole number of at least ${min}`);
  return value;
}

function number(flag: string, value: number, ok: (v: number) => boolean, range: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) throw new TrainOptionError(flag, value, `expected a number ${range}`);
  return value;
}

/**
 * Fills the defaults and checks every value; the first bad one throws TrainOptionError naming its flag.
 * Scope names are checked against the net later, when it is built (UnknownScopeError lists what exists).
 */
export function resolveTrainOptions(input: TrainOptionsInput): TrainOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as TrainOptionsInput;
  const d = defaultTrainOptions();
  const o: TrainOptions = {
    ...d,
    ...defined,
    optimizerOptions: { ...d.optimizerOptions, ...definedOnly(input.optimizerOptions ?? {}) },
    checkpointExcludeScopes: parseScopes(input.checkpointExcludeScopes),
    trainableScopes: parseScopes(input.trainableScopes),
  };
  if (!o.trainDir) throw new TrainOptionError('train_dir', o.trainDir, 'is required: where checkpoints are written');
  if (!o.datasetDir) throw new TrainOptionError('dataset_dir', o.datasetDir, 'is required: the folder of a converted dataset');
  o.datasetSplitName = oneOf('dataset_split_name', o.datasetSplitName, SPLIT_CHOICES);
  wholeNumber('labels_offset', o.labelsOffset, 0);
  try {
    getNet(o.modelName);
  } catch (cause) {
    throw new TrainOptionError('model_name', o.modelName, (cause as Error).message.replace(/^--model_name=\S+: /, ''), cause);
  }
  if (o.depthMultiplier !== undefined) number('depth_multiplier', o.depthMultiplier, (v) => v > 0, '> 0');
  if (o.preprocessingName !== undefined) oneOf('preprocessing_name', o.preprocessingName, PREPROCESSING_CHOICES);
  if (o.trainImageSize !== undefined) wholeNumber('train_image_size', o.trainImageSize, 32);
  wholeNumber('max_number_of_steps', o.maxNumberOfSteps, 0);
  wholeNumber('batch_size', o.batchSize, 1);
  number('learning_rate', o.learningRate, (v) => v >= 0, '>= 0');
  o.learningRateDecayType = oneOf('learning_rate_decay_type', o.learningRateDecayType, DECAY_TYPE_CHOICES);
  number('learning_rate_decay_factor', o.learningRateDecayFactor, (v) => v > 0, '> 0');
  number('num_epochs_per_decay', o.numEpochsPerDecay, (v) => v > 0, '> 0');
  number('end_learning_rate', o.endLearningRate, (v) => v >= 0, '>= 0');
  number('label_smoothing', o.labelSmoothing, (v) => v >= 0 && v < 1, 'in [0, 1)');
  o.optimizer = oneOf('optimizer', o.optimizer, OPTIMIZER_CHOICES);
  for (const key of Object.keys(o.optimizerOptions) as (keyof OptimizerOptions)[]) {
    number(OPTIMIZER_FLAGS[key], o.optimizerOptions[key], () => true, '(finite)');
  }
  number('weight_decay', o.weightDecay, (v) => v >= 0, '>= 0');
  o.frozenBatchNorm = oneOf('frozen_batch_norm', o.frozenBatchNorm, FROZEN_BATCH_NORM_CHOICES);
  wholeNumber('save_interval_secs', o.saveIntervalSecs, 1);
  wholeNumber('save_summaries_secs', o.saveSummariesSecs, 1);
  wholeNumber('log_every_n_steps', o.logEveryNSteps, 1);
  wholeNumber('num_preprocessing_threads', o.numPreprocessingThreads, 1);
  wholeNumber('max_checkpoints_to_keep', o.maxCheckpointsToKeep, 1);
  if (o.seed !== undefined) wholeNumber('seed', o.seed, 0);
  wholeNumber('engine_workers', o.engineWorkers, 0);
  return o;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
