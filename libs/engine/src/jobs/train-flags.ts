// TRAIN_FLAGS: every flag of a training job, written once. The CLI's parser and help, the TrainingConfig
// mapping both ways and resolution loop over these rows; train-flags.test.ts holds them against trainer.proto.
import { ALPHA_BACKGROUND_SYNTAX, isBuiltin, MOVING_AVERAGE_DECAY_RANGE, netNames, parseAlphaBackground, preprocessingNames } from '@finetune/nets';
import { FORWARD_RUNTIMES } from '@finetune/onnx';
import { OPTIMIZER_OPTIONS as OPT } from '../optimizers/optimizer-options';
import { OPTIMIZER_NAMES } from '../optimizers/optimizers-factory';
import { ABOVE_ZERO, AT_LEAST_ZERO, UNIT_INTERVAL } from '../options/value-range';
import { LEARNING_RATE, LEARNING_RATE_DECAY_FACTOR, PRETRAINED_LEARNING_RATE, NUM_EPOCHS_PER_DECAY, SCHEDULE_RANGES, WARMUP_STEPS } from '../schedules/learning-rate-schedule';
import { SCHEDULE_NAMES } from '../schedules/schedules-factory';
import { AUTO_ENGINE_WORKERS } from '../parallel/engine-workers';
import { WEIGHT_DECAY } from '../training/weight-decay';
import { CLASS_WEIGHTING, CLASS_WEIGHTING_CHOICES } from './class-weights';
import type { FlagRow, OptionField } from './flag-row';
import * as D from './train-defaults';

// Order is --help's. --frozen_batch_norm, --depth_multiplier, --augment, --seed, --engine_workers and --feature_runtime have no
// reference counterpart.
export const TRAIN_FLAGS = [
  { flag: 'train_dir', field: 'trainDir', type: 'string', path: true, required: 'where checkpoints are written',
    doc: 'Where checkpoints and summaries go; a checkpoint already there is resumed.' },
  { flag: 'dataset_name', field: 'datasetName', type: 'string', doc: 'Name of the converted dataset; checked against its manifest.' },
  { flag: 'dataset_split_name', field: 'datasetSplitName', type: 'choice', choices: () => D.SPLIT_CHOICES, default: D.DATASET_SPLIT_NAME,
    doc: 'Split trained on.' },
  { flag: 'dataset_dir', field: 'datasetDir', type: 'string', path: true, required: 'the folder of a converted dataset (finetune prepare writes one)',
    doc: 'Folder of the converted dataset (shards, label.txt, manifest.json).' },
  { flag: 'labels_offset', field: 'labelsOffset', type: 'int', range: AT_LEAST_ZERO, default: D.LABELS_OFFSET,
    doc: 'Subtracted from dataset labels (1 for a net with a background class).' },
  { flag: 'model_name', field: 'modelName', type: 'choice', choices: netNames, noun: 'model', default: D.MODEL_NAME, doc: 'The network.' },
  { flag: 'depth_multiplier', field: 'depthMultiplier', type: 'number', optional: true, range: ABOVE_ZERO,
    doc: 'MobileNet channel multiplier, e.g. 0.35; unset: 1.0.' },
  { flag: 'preprocessing_name', field: 'preprocessingName', type: 'choice', choices: preprocessingNames, doc: "Preprocessing; unset: the net's own." },
  { flag: 'alpha_background', field: 'alphaBackground', type: 'string', syntax: { parse: parseAlphaBackground, expected: ALPHA_BACKGROUND_SYNTAX },
    doc: 'What transparent pixels are composited on: #rrggbb, white or black; unset: what the starting checkpoint records, else white.' },
  { flag: 'train_image_size', field: 'trainImageSize', type: 'int', range: { min: D.MIN_TRAIN_IMAGE_SIZE },
    doc: "Side of the square input in pixels; unset or 0: the net's default." },
  { flag: 'checkpoint_path', field: 'checkpointPath', type: 'string', path: true,
    doc: "Pretrained checkpoint, builtin:<model>, or none; unset: the model's embedded weights where it has some." },
  { flag: 'checkpoint_exclude_scopes', field: 'checkpointExcludeScopes', type: 'list', default: [],
    doc: 'Comma-separated scopes not restored, e.g. MobilenetV2/Logits.' },
  { flag: 'trainable_scopes', field: 'trainableScopes', type: 'list', default: [], doc: 'Comma-separated scopes trained; empty trains everything.' },
  { flag: 'fine_tune_after_steps', field: 'fineTuneAfterSteps', type: 'int', int64: true, optional: true, range: { min: 1 },
    doc: 'Two stages in one job: after this many steps of --trainable_scopes (the head), train --fine_tune_trainable_scopes at --fine_tune_learning_rate; unset: one stage.' },
  { flag: 'fine_tune_trainable_scopes', field: 'fineTuneTrainableScopes', type: 'list', default: [],
    doc: 'Comma-separated scopes trained in the second stage; empty trains everything.' },
  { flag: 'fine_tune_learning_rate', field: 'fineTuneLearningRate', type: 'number', optional: true, range: SCHEDULE_RANGES.learningRate,
    doc: `Learning rate of the second stage; unset: ${PRETRAINED_LEARNING_RATE} when it trains pretrained layers, as --learning_rate's default.` },
  { flag: 'ignore_missing_vars', field: 'ignoreMissingVars', type: 'bool', default: D.IGNORE_MISSING_VARS,
    doc: 'Leave variables the checkpoint lacks at their initial values.' },
  { flag: 'max_number_of_steps', field: 'maxNumberOfSteps', type: 'int', int64: true, range: AT_LEAST_ZERO, default: D.MAX_NUMBER_OF_STEPS,
    doc: 'Global step to stop at; 0 trains until interrupted.' },
  { flag: 'batch_size', field: 'batchSize', type: 'int', range: { min: 1 }, default: D.BATCH_SIZE, doc: 'Examples per step.' },
  { flag: 'learning_rate', field: 'learningRate', type: 'number', range: SCHEDULE_RANGES.learningRate,
    doc: `Initial learning rate; unset: ${LEARNING_RATE} where only new layers train (a new head, or from scratch), ${PRETRAINED_LEARNING_RATE} once pretrained layers do.` },
  { flag: 'learning_rate_decay_type', field: 'learningRateDecayType', type: 'choice', enum: 'LearningRateDecayType', choices: () => SCHEDULE_NAMES,
    default: D.LEARNING_RATE_DECAY_TYPE, doc: 'How the learning rate decays; cosine spans max_number_of_steps after warmup.' },
  { flag: 'learning_rate_decay_factor', field: 'learningRateDecayFactor', type: 'number', range: SCHEDULE_RANGES.learningRateDecayFactor,
    default: LEARNING_RATE_DECAY_FACTOR, doc: 'Factor of the exponential decay.' },
  { flag: 'num_epochs_per_decay', field: 'numEpochsPerDecay', type: 'number', range: SCHEDULE_RANGES.numEpochsPerDecay, default: NUM_EPOCHS_PER_DECAY,
    doc: 'Epochs between exponential decays, or of the polynomial decay (and of cosine without max_number_of_steps).' },
  { flag: 'end_learning_rate', field: 'endLearningRate', type: 'number', optional: true, range: SCHEDULE_RANGES.endLearningRate,
    doc: 'Where polynomial and cosine decay end; unset: 0.0001 for polynomial (the reference), 0 for cosine.' },
  { flag: 'warmup_steps', field: 'warmupSteps', type: 'int', range: AT_LEAST_ZERO, default: WARMUP_STEPS,
    doc: 'Steps over which the rate rises linearly from 0 to learning_rate before the decay starts; 0: none.' },
  { flag: 'label_smoothing', field: 'labelSmoothing', type: 'number', range: UNIT_INTERVAL, default: D.LABEL_SMOOTHING,
    doc: 'Weight of the uniform distribution mixed into the one-hot labels.' },
  { flag: 'class_weights', field: 'classWeights', type: 'choice', enum: 'ClassWeights', choices: () => CLASS_WEIGHTING_CHOICES, default: CLASS_WEIGHTING,
    doc: "Loss weight per class: balanced weighs class c by n_samples / (n_classes * count_c), from the manifest's per-class counts." },
  { flag: 'moving_average_decay', field: 'movingAverageDecay', type: 'number', optional: true, range: MOVING_AVERAGE_DECAY_RANGE,
    doc: 'Decay of the exponential moving average of the trained variables (and updated batch-norm statistics), saved as <var>/ExponentialMovingAverage; unset: none.' },
  { flag: 'optimizer', field: 'optimizer', type: 'choice', enum: 'Optimizer', choices: () => OPTIMIZER_NAMES, default: D.OPTIMIZER, doc: 'The optimizer.' },
  { flag: 'opt_epsilon', field: 'optimizerOptions.optEpsilon', type: 'number', ...OPT.optEpsilon, doc: 'Epsilon of adadelta, adam and rmsprop.' },
  { flag: 'adadelta_rho', field: 'optimizerOptions.adadeltaRho', type: 'number', optional: true, ...OPT.adadeltaRho, doc: 'Decay of adadelta.' },
  { flag: 'adagrad_initial_accumulator_value', field: 'optimizerOptions.adagradInitialAccumulatorValue', type: 'number',
    ...OPT.adagradInitialAccumulatorValue, doc: 'Starting accumulator of adagrad.' },
  { flag: 'adam_beta1', field: 'optimizerOptions.adamBeta1', type: 'number', optional: true, ...OPT.adamBeta1, doc: "Decay of adam's first moment." },
  { flag: 'adam_beta2', field: 'optimizerOptions.adamBeta2', type: 'number', optional: true, ...OPT.adamBeta2, doc: "Decay of adam's second moment." },
  { flag: 'ftrl_learning_rate_power', field: 'optimizerOptions.ftrlLearningRatePower', type: 'number', optional: true, ...OPT.ftrlLearningRatePower,
    doc: 'Learning-rate power of ftrl.' },
  { flag: 'ftrl_initial_accumulator_value', field: 'optimizerOptions.ftrlInitialAccumulatorValue', type: 'number', ...OPT.ftrlInitialAccumulatorValue,
    doc: 'Starting accumulator of ftrl.' },
  { flag: 'ftrl_l1', field: 'optimizerOptions.ftrlL1', type: 'number', ...OPT.ftrlL1, doc: 'L1 strength of ftrl.' },
  { flag: 'ftrl_l2', field: 'optimizerOptions.ftrlL2', type: 'number', ...OPT.ftrlL2, doc: 'L2 strength of ftrl.' },
  { flag: 'momentum', field: 'optimizerOptions.momentum', type: 'number', optional: true, ...OPT.momentum, doc: 'Momentum of the momentum optimizer.' },
  { flag: 'rmsprop_decay', field: 'optimizerOptions.rmspropDecay', type: 'number', optional: true, ...OPT.rmspropDecay, doc: 'Decay of rmsprop.' },
  { flag: 'rmsprop_momentum', field: 'optimizerOptions.rmspropMomentum', type: 'number', optional: true, ...OPT.rmspropMomentum,
    doc: 'Momentum of rmsprop.' },
  { flag: 'weight_decay', field: 'weightDecay', type: 'number', optional: true, range: AT_LEAST_ZERO, default: WEIGHT_DECAY,
    doc: 'L2 regularisation of the weights.' },
  { flag: 'frozen_batch_norm', field: 'frozenBatchNorm', proto: 'frozen_batch_norm_mode', type: 'choice', enum: 'BatchNormMode',
    choices: () => D.FROZEN_BATCH_NORM_CHOICES, default: D.FROZEN_BATCH_NORM,
    doc: 'Batch norm outside trainable_scopes: moving statistics, or batch statistics as the reference.' },
  { flag: 'trained_batch_norm', field: 'trainedBatchNorm', proto: 'trained_batch_norm_mode', type: 'choice', enum: 'BatchNormMode',
    choices: () => D.FROZEN_BATCH_NORM_CHOICES, default: D.TRAINED_BATCH_NORM,
    doc: 'Batch norm inside trainable_scopes: restored moving statistics kept (gamma and beta still train), or batch statistics as the reference; from scratch always batch statistics.' },
  { flag: 'save_interval_secs', field: 'saveIntervalSecs', type: 'int', range: { min: 1 }, default: D.SAVE_INTERVAL_SECS,
    doc: 'Seconds between checkpoints.' },
  { flag: 'save_summaries_secs', field: 'saveSummariesSecs', type: 'int', range: { min: 1 }, default: D.SAVE_SUMMARIES_SECS,
    doc: 'Seconds between appends to <train_dir>/summaries.jsonl (a line every --log_every_n_steps).' },
  { flag: 'log_every_n_steps', field: 'logEveryNSteps', type: 'int', range: { min: 1 }, default: D.LOG_EVERY_N_STEPS, doc: 'Steps between log lines and lines of <train_dir>/summaries.jsonl.' },
  { flag: 'num_preprocessing_threads', field: 'numPreprocessingThreads', type: 'int', range: { min: 1 }, default: D.NUM_PREPROCESSING_THREADS,
    doc: 'Threads decoding and augmenting images.' },
  { flag: 'engine_workers', field: 'engineWorkers', proto: false, type: 'int', range: AT_LEAST_ZERO, default: AUTO_ENGINE_WORKERS,
    doc: 'Worker threads splitting each batch; 0: one per core on wasm and cpu, 1 on TensorFlow. In-process runs only: a trainer service has its own --engine-workers.' },
  { flag: 'feature_runtime', field: 'featureRuntime', proto: false, type: 'choice', choices: () => FORWARD_RUNTIMES, default: 'onnx',
    doc: 'What computes the frozen part of a head-only or deeper-only run (its features cached, or computed every step when augmented without views): onnx, ONNX Runtime (about 5x the engine on a CPU); tfjs, the engine. The trained part is always on the engine.' },
  { flag: 'augment', field: 'augment', type: 'bool', optional: true,
    doc: 'Random crop, flip and colour distortion; unset: on where pretrained layers train, off where only new layers do (a head on cached features).' },
  { flag: 'augmented_views', field: 'augmentedViews', type: 'int', optional: true, range: AT_LEAST_ZERO, default: D.AUGMENTED_VIEWS,
    doc: 'With --augment, augmented views of each image a head-only or deeper-only run caches features of (epoch e trains on view e mod N); 0: no cache, a fresh augmentation every step.' },
  { flag: 'seed', field: 'seed', type: 'int', optional: true, range: AT_LEAST_ZERO, doc: 'Seed of shuffling and augmentation; unset: a fresh one.' },
  { flag: 'keep_checkpoint_max', field: 'keepCheckpointMax', type: 'int', range: { min: 1 }, default: D.KEEP_CHECKPOINT_MAX,
    doc: 'Newest checkpoints kept in train_dir; the best by evaluation (train_dir/eval) is kept as well.' },
] as const satisfies readonly FlagRow[];

export type TrainFlag = (typeof TRAIN_FLAGS)[number];

// Every TrainOptions field has a row: a field without one is a type error here ("does not satisfy 'never'"), naming it.
type Covered = TrainFlag['field'];
function everyFieldHasARow<_Missing extends never>(): void {}
everyFieldHasARow<Exclude<OptionField, Covered>>();

/** The row of a flag, e.g. for an error that names it. */
export function trainFlag(flag: string): FlagRow | undefined {
  return (TRAIN_FLAGS as readonly FlagRow[]).find((row) => row.flag === flag);
}

/** Whether a value of a path flag names a file, rather than `builtin:<model>` or `none`. */
export function isFilePath(value: string): boolean {
  return !isBuiltin(value) && value !== D.FROM_SCRATCH;
}
