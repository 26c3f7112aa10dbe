// Options of one training job — the flags of TF-Slim's train_image_classifier.py — filled and checked from TRAIN_FLAGS.
import type { SplitName } from '@finetune/datasets';
import type { ForwardRuntime } from '@finetune/onnx';
import { parseScopes, type PreprocessingName } from '@finetune/nets';
import type { OptimizerName } from '../optimizers/optimizer';
import type { OptimizerOptions } from '../optimizers/optimizer-options';
import { describeRange, inRange } from '../options/value-range';
import type { ScheduleName } from '../schedules/learning-rate-schedule';
import type { FrozenBatchNorm } from '../training/split-plan';
import type { ClassWeighting } from './class-weights';
import { readField, writeField, type FlagRow } from './flag-row';
import { defaultLearningRate } from './default-learning-rate';
import { TRAIN_FLAGS } from './train-flags';
import { TrainOptionError } from './train-errors';

/**
 * A resolved job. Each field is the row of TRAIN_FLAGS whose flag is its name in snake_case (`logEveryNSteps`
 * is --log_every_n_steps); the row documents it and gives its default. Optional fields are unset by default.
 */
export interface TrainOptions {
  trainDir: string;
  datasetDir: string;
  datasetName?: string;
  datasetSplitName: SplitName;
  labelsOffset: number;
  modelName: string;
  depthMultiplier?: number;
  preprocessingName?: PreprocessingName;
  alphaBackground?: string;
  trainImageSize?: number;
  checkpointPath?: string;
  checkpointExcludeScopes: string[];
  trainableScopes: string[];
  fineTuneAfterSteps?: number;
  fineTuneTrainableScopes: string[];
  fineTuneLearningRate?: number;
  ignoreMissingVars: boolean;
  maxNumberOfSteps: number;
  batchSize: number;
  learningRate: number;
  learningRateDecayType: ScheduleName;
  learningRateDecayFactor: number;
  numEpochsPerDecay: number;
  endLearningRate?: number;
  warmupSteps: number;
  labelSmoothing: number;
  classWeights: ClassWeighting;
  movingAverageDecay?: number;
  optimizer: OptimizerName;
  optimizerOptions: OptimizerOptions;
  weightDecay: number;
  frozenBatchNorm: FrozenBatchNorm;
  trainedBatchNorm: FrozenBatchNorm;
  saveIntervalSecs: number;
  saveSummariesSecs: number;
  logEveryNSteps: number;
  numPreprocessingThreads: number;
  /** undefined: each stage by what it trains (stageAugments). */
  augment?: boolean;
  augmentedViews: number;
  keepCheckpointMax: number;
  seed?: number;
  engineWorkers: number;
  featureRuntime: ForwardRuntime;
}

const rows = TRAIN_FLAGS as readonly FlagRow[];

export function defaultTrainOptions(): Omit<TrainOptions, 'trainDir' | 'datasetDir'> {
  const o = { optimizerOptions: {} };
  for (const row of rows) {
    if (row.default !== undefined) writeField(o, row.field, Array.isArray(row.default) ? [...row.default] : row.default);
  }
  return o as Omit<TrainOptions, 'trainDir' | 'datasetDir'>;
}

/** What callers pass: the two folders, anything else overrides a default (undefined keeps it). */
export type TrainOptionsInput = Pick<TrainOptions, 'trainDir' | 'datasetDir'> &
  Partial<Omit<TrainOptions, 'optimizerOptions' | 'checkpointExcludeScopes' | 'trainableScopes'>> & {
    optimizerOptions?: Partial<OptimizerOptions>;
    /** Comma-separated as the reference takes them, or a list. */
    checkpointExcludeScopes?: string | readonly string[];
    trainableScopes?: string | readonly string[];
  };

/**
 * Fills the defaults and checks every value against its row; the first bad one throws TrainOptionError naming
 * its flag. Call it once, where a request enters. Scope names are checked against the net later, when it is
 * built (UnknownScopeError lists what exists).
 */
export function resolveTrainOptions(input: TrainOptionsInput): TrainOptions {
  const o = defaultTrainOptions() as TrainOptions;
  for (const row of rows) {
    const given = readField(input, row.field);
    const value = row.type === 'list' && given !== undefined ? parseScopes(given as string | readonly string[]) : given;
    if (value !== undefined) writeField(o, row.field, value);
    check(row, readField(o, row.field));
    if (row.syntax && value !== undefined) writeField(o, row.field, row.syntax.parse(value as string));
  }
  o.learningRate ??= defaultLearningRate(o, o.trainableScopes);
  return o;
}

/** One value against its row: presence, type, range, choices. */
function check(row: FlagRow, value: unknown): void {
  const bad = (why: string) => new TrainOptionError(row.flag, value, why);
  if (row.required && !value) throw bad(`is required: ${row.required}`);
  if (value === undefined) return;
  switch (row.type) {
    case 'int': {
      const min = row.range?.min ?? Number.MIN_SAFE_INTEGER;
      if (!Number.isSafeInteger(value) || (value as number) < min) throw bad(`expected a whole number of at least ${min}`);
      return;
    }
    case 'number':
      if (typeof value !== 'number' || !inRange(value, row.range ?? {})) throw bad(`expected a number ${describeRange(row.range ?? {})}`);
      return;
    case 'choice': {
      const choices = row.choices!();
      if (choices.includes(value as string)) return;
      throw bad(row.noun ? `unknown ${row.noun}; known ${row.noun}s: ${choices.join(', ')}` : `expected one of ${choices.join(', ')}`);
    }
    case 'bool':
      if (typeof value !== 'boolean') throw bad('expected true or false');
      return;
    case 'string':
      if (typeof value !== 'string') throw bad('expected a string');
      if (row.syntax && row.syntax.parse(value) === undefined) throw bad(`expected ${row.syntax.expected}`);
      return;
    case 'list':
      return;
  }
}
