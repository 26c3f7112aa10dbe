// The trainer contract's TrainingConfig to and from TrainOptions, so the CLI, the service and a Job's
// recorded config agree on one meaning of every flag (zero means the reference default, as the .proto says).
import type { trainerV1 } from '@finetune/contracts';
import type { SplitName } from '@finetune/datasets';
import type { PreprocessingName } from '@finetune/nets';
import type { OptimizerOptions } from '../optimizers/optimizer-options';
import type { OptimizerName } from '../optimizers/optimizer';
import type { ScheduleName } from '../schedules/learning-rate-schedule';
import type { FrozenBatchNorm } from '../training/split-plan';
import { TrainOptionError } from './train-errors';
import type { TrainOptions, TrainOptionsInput } from './train-options';

type Config = trainerV1.TrainingConfig__Output;

const BATCH_NORM_MODES: Record<FrozenBatchNorm, trainerV1.BatchNormMode__Output> = {
  inference: 'BATCH_NORM_MODE_INFERENCE',
  'batch-statistics': 'BATCH_NORM_MODE_BATCH_STATISTICS',
};

/** Zero and the empty string mean "the reference default" in the contract. */
function nonZero<T>(value: T): T | undefined {
  return value === 0 || value === '' || value === '0' ? undefined : value;
}

/** A proto3 `optional` field: present only when its synthetic oneof names it. */
function optional(config: Config, field: keyof Config): number | undefined {
  const value = config[field];
  return value === undefined || value === null ? undefined : Number(value);
}

function enumName<T extends string>(field: string, value: string, prefix: string, known: readonly T[]): T | undefined {
  if (value.endsWith('_UNSPECIFIED') || value === '') return undefined;
  const name = value.slice(prefix.length).toLowerCase().replace(/_/g, '-') as T;
  const plain = value.slice(prefix.length).toLowerCase() as T;
  if (known.includes(plain)) return plain;
  if (known.includes(name)) return name;
  throw new TrainOptionError(field, value, `expected one of ${known.join(', ')}`);
}

/**
 * A request's TrainingConfig as options; paths are taken as given (the service resolves them against its
 * data root first).
 */
export function trainingConfigToOptions(config: Config): TrainOptionsInput {
  const opt: Partial<OptimizerOptions> = {
    optEpsilon: nonZero(config.opt_epsilon),
    rmspropDecay: optional(config, 'rmsprop_decay'),
    rmspropMomentum: optional(config, 'rmsprop_momentum'),
    adamBeta1: optional(config, 'adam_beta1'),
    adamBeta2: optional(config, 'adam_beta2'),
    momentum: optional(config, 'momentum'),
    adagradInitialAccumulatorValue: nonZero(config.adagrad_initial_accumulator_value),
    adadeltaRho: optional(config, 'adadelta_rho'),
    ftrlLearningRatePower: optional(config, 'ftrl_learning_rate_power'),
    ftrlInitialAccumulatorValue: nonZero(config.ftrl_initial_accumulator_value),
    ftrlL1: nonZero(config.ftrl_l1),
    ftrlL2: nonZero(config.ftrl_l2),
  };
  if (optional(config, 'moving_average_decay') !== undefined) {
    throw new TrainOptionError('moving_average_decay', config.moving_average_decay, 'is not supported yet: train without it');
  }
  return {
    trainDir: config.train_dir,
    datasetDir: config.dataset_dir,
    datasetName: nonZero(config.dataset_name),
    datasetSplitName: nonZero(config.dataset_split_name) as SplitName | undefined,
    labelsOffset: nonZero(config.labels_offset),
    modelName: nonZero(config.model_name),
    preprocessingName: nonZero(config.preprocessing_name) as PreprocessingName | undefined,
    trainImageSize: nonZero(config.train_image_size),
    checkpointPath: nonZero(config.checkpoint_path),
    checkpointExcludeScopes: config.checkpoint_exclude_scopes,
    trainableScopes: config.trainable_scopes,
    ignoreMissingVars: config.ignore_missing_vars,
    maxNumberOfSteps: Number(config.max_number_of_steps || 0),
    batchSize: nonZero(config.batch_size),
    learningRate: nonZero(config.learning_rate),
    learningRateDecayType: enumName<ScheduleName>('learning_rate_decay_type', config.learning_rate_decay_type, 'LEARNING_RATE_DECAY_TYPE_', ['fixed', 'exponential', 'polynomial']),
    learningRateDecayFactor: nonZero(config.learning_rate_decay_factor),
    numEpochsPerDecay: nonZero(config.num_epochs_per_decay),
    endLearningRate: optional(config, 'end_learning_rate'),
    labelSmoothing: nonZero(config.label_smoothing),
    optimizer: enumName<OptimizerName>('optimizer', config.optimizer, 'OPTIMIZER_', ['adadelta', 'adagrad', 'adam', 'ftrl', 'momentum', 'rmsprop', 'sgd']),
    optimizerOptions: opt,
    weightDecay: optional(config, 'weight_decay'),
    frozenBatchNorm: enumName<FrozenBatchNorm>('frozen_batch_norm', config.frozen_batch_norm_mode, 'BATCH_NORM_MODE_', ['inference', 'batch-statistics']),
    saveIntervalSecs: nonZero(config.save_interval_secs),
    saveSummariesSecs: nonZero(config.save_summaries_secs),
    logEveryNSteps: nonZero(config.log_every_n_steps),
    numPreprocessingThreads: nonZero(config.num_preprocessing_threads),
    depthMultiplier: optional(config, 'depth_multiplier'),
    ...(config.augment !== undefined && config.augment !== null && { augment: config.augment }),
    seed: optional(config, 'seed'),
  };
}

/** Resolved options as a TrainingConfig with every default written out (what a Job reports and a client sends). */
export function optionsToTrainingConfig(o: TrainOptions): trainerV1.TrainingConfig {
  const p = o.optimizerOptions;
  return {
    train_dir: o.trainDir,
    dataset_name: o.datasetName ?? '',
    dataset_split_name: o.datasetSplitName,
    dataset_dir: o.datasetDir,
    labels_offset: o.labelsOffset,
    model_name: o.modelName,
    preprocessing_name: o.preprocessingName ?? '',
    train_image_size: o.trainImageSize ?? 0,
    checkpoint_path: o.checkpointPath ?? '',
    checkpoint_exclude_scopes: o.checkpointExcludeScopes,
    trainable_scopes: o.trainableScopes,
    ignore_missing_vars: o.ignoreMissingVars,
    max_number_of_steps: String(o.maxNumberOfSteps),
    batch_size: o.batchSize,
    learning_rate: o.learningRate,
    learning_rate_decay_type: `LEARNING_RATE_DECAY_TYPE_${o.learningRateDecayType.toUpperCase()}` as trainerV1.LearningRateDecayType,
    learning_rate_decay_factor: o.learningRateDecayFactor,
    num_epochs_per_decay: o.numEpochsPerDecay,
    end_learning_rate: o.endLearningRate,
    label_smoothing: o.labelSmoothing,
    optimizer: `OPTIMIZER_${o.optimizer.toUpperCase()}` as trainerV1.Optimizer,
    opt_epsilon: p.optEpsilon,
    adadelta_rho: p.adadeltaRho,
    adagrad_initial_accumulator_value: p.adagradInitialAccumulatorValue,
    adam_beta1: p.adamBeta1,
    adam_beta2: p.adamBeta2,
    ftrl_learning_rate_power: p.ftrlLearningRatePower,
    ftrl_initial_accumulator_value: p.ftrlInitialAccumulatorValue,
    ftrl_l1: p.ftrlL1,
    ftrl_l2: p.ftrlL2,
    momentum: p.momentum,
    rmsprop_decay: p.rmspropDecay,
    rmsprop_momentum: p.rmspropMomentum,
    weight_decay: o.weightDecay,
    frozen_batch_norm_mode: BATCH_NORM_MODES[o.frozenBatchNorm],
    save_interval_secs: o.saveIntervalSecs,
    save_summaries_secs: o.saveSummariesSecs,
    log_every_n_steps: o.logEveryNSteps,
    num_preprocessing_threads: o.numPreprocessingThreads,
    depth_multiplier: o.depthMultiplier,
    augment: o.augment,
    seed: o.seed,
  };
}
