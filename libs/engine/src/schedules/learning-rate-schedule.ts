// The learning rate as a function of the global step, with the reference's flags and defaults.
import { ABOVE_ZERO, AT_LEAST_ZERO, type ValueRange } from '../options/value-range';

/** The names --learning_rate_decay_type accepts. */
export type ScheduleName = 'exponential' | 'fixed' | 'polynomial' | 'cosine';

export interface LearningRateSchedule {
  readonly name: ScheduleName;
  /** The rate used by the update at `globalStep` (the step count before that update, as tf.train's decays). */
  rateAt(globalStep: number): number;
}

/**
 * The initial rate of layers that start afresh (a new head, or a net from scratch): train_image_classifier.py's
 * --learning_rate default, and what the quality bench measured best for a head under adam.
 */
export const LEARNING_RATE = 0.01;
/**
 * The initial rate once pretrained layers train too. The reference's all-layers command passes 0.0001 to rmsprop
 * with epsilon 1.0, which damps every step; adam with epsilon 1e-8 moves each weight by about the rate itself. On
 * the quality bench, without augmentation, three epochs from a good head at 0.0001 fell 9 points below it (0.00003:
 * 5, 0.00001: 1); with augmentation (now the default where pretrained layers train) every layer gained on the head:
 * 1.8 points at 0.00001 in 3 epochs, 3.4 at 0.00003 in 5.
 */
export const PRETRAINED_LEARNING_RATE = 0.00003;
/** Where polynomial decay ends unless --end_learning_rate is given (the reference's default). */
export const END_LEARNING_RATE = 0.0001;
/** Where cosine decay ends unless --end_learning_rate is given: all the way down, as tf.keras's CosineDecay (alpha 0). */
export const COSINE_END_LEARNING_RATE = 0;
/** --warmup_steps default: no warmup, the reference's behaviour. */
export const WARMUP_STEPS = 0;
export const LEARNING_RATE_DECAY_FACTOR = 0.94;
export const NUM_EPOCHS_PER_DECAY = 2.0;
export const POLYNOMIAL_POWER = 1.0;

/** Ranges of the schedule flags, checked by getSchedule and by the flag table's resolution. */
export const SCHEDULE_RANGES = {
  learningRate: AT_LEAST_ZERO,
  endLearningRate: AT_LEAST_ZERO,
  learningRateDecayFactor: ABOVE_ZERO,
  numEpochsPerDecay: ABOVE_ZERO,
} as const satisfies Record<string, ValueRange>;

export interface ScheduleOptions {
  /** --learning_rate: the initial rate. @default 0.01 */
  learningRate: number;
  /** --end_learning_rate: where polynomial and cosine decay end. @default 0.0001 for polynomial, 0 for cosine */
  endLearningRate?: number;
  /** --learning_rate_decay_factor for exponential decay. @default 0.94 */
  learningRateDecayFactor: number;
  /** --num_epochs_per_decay. @default 2.0 */
  numEpochsPerDecay: number;
  /** Examples in the train split (the reference's dataset.num_samples). Needed by the decaying schedules. */
  numSamplesPerEpoch: number;
  /** --batch_size. Needed by the decaying schedules. */
  batchSize: number;
  /** --warmup_steps: the rate rises linearly from 0 over these steps, then the decay starts. @default 0 */
  warmupSteps: number;
  /** --max_number_of_steps: the global step training stops at, 0 for none; cosine decays over it. @default 0 */
  maxNumberOfSteps: number;
  /** Exponent of polynomial decay; the reference fixes it at 1.0 (linear). @default 1.0 */
  polynomialPower: number;
}

export function defaultScheduleOptions(): Omit<ScheduleOptions, 'numSamplesPerEpoch' | 'batchSize'> {
  return {
    learningRate: LEARNING_RATE,
    warmupSteps: WARMUP_STEPS,
    maxNumberOfSteps: 0,
    learningRateDecayFactor: LEARNING_RATE_DECAY_FACTOR,
    numEpochsPerDecay: NUM_EPOCHS_PER_DECAY,
    polynomialPower: POLYNOMIAL_POWER,
  };
}
