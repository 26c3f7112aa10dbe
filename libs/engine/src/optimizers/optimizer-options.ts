// Hyper-parameters of every optimizer, named after the reference's flags, with the reference defaults and the
// ranges TF itself enforces (or that make the update meaningless). Their flags and docs are rows of TRAIN_FLAGS.
import { ABOVE_ZERO, AT_LEAST_ZERO, AT_MOST_ZERO, UNIT_INTERVAL, type ValueRange } from '../options/value-range';

/**
 * --opt_epsilon default: tf.train.AdamOptimizer's 1e-8. train_image_classifier's 1.0 dwarfs the gradients' scale and
 * turns adam and rmsprop into plain SGD (a head on six colours stayed at chance); pass --opt_epsilon=1.0 for it.
 */
export const OPT_EPSILON = 1e-8;
export const RMSPROP_DECAY = 0.9;
export const RMSPROP_MOMENTUM = 0.9;
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const MOMENTUM = 0.9;
export const ADAGRAD_INITIAL_ACCUMULATOR_VALUE = 0.1;
export const ADADELTA_RHO = 0.95;
export const FTRL_LEARNING_RATE_POWER = -0.5;
export const FTRL_INITIAL_ACCUMULATOR_VALUE = 0.1;
export const FTRL_L1 = 0.0;
export const FTRL_L2 = 0.0;

/** Each option's default and range; the key is the flag in camelCase (`rmspropDecay` is --rmsprop_decay). */
export const OPTIMIZER_OPTIONS = {
  optEpsilon: { default: OPT_EPSILON, range: AT_LEAST_ZERO },
  rmspropDecay: { default: RMSPROP_DECAY, range: UNIT_INTERVAL },
  rmspropMomentum: { default: RMSPROP_MOMENTUM, range: UNIT_INTERVAL },
  adamBeta1: { default: ADAM_BETA1, range: UNIT_INTERVAL },
  adamBeta2: { default: ADAM_BETA2, range: UNIT_INTERVAL },
  momentum: { default: MOMENTUM, range: UNIT_INTERVAL },
  adagradInitialAccumulatorValue: { default: ADAGRAD_INITIAL_ACCUMULATOR_VALUE, range: ABOVE_ZERO },
  adadeltaRho: { default: ADADELTA_RHO, range: UNIT_INTERVAL },
  ftrlLearningRatePower: { default: FTRL_LEARNING_RATE_POWER, range: AT_MOST_ZERO },
  ftrlInitialAccumulatorValue: { default: FTRL_INITIAL_ACCUMULATOR_VALUE, range: ABOVE_ZERO },
  ftrlL1: { default: FTRL_L1, range: AT_LEAST_ZERO },
  ftrlL2: { default: FTRL_L2, range: AT_LEAST_ZERO },
} as const satisfies Record<string, { default: number; range: ValueRange }>;

/** --opt_epsilon, --rmsprop_decay, --adam_beta1 …: see their rows in TRAIN_FLAGS. */
export type OptimizerOptions = { [K in keyof typeof OPTIMIZER_OPTIONS]: number };

export function defaultOptimizerOptions(): OptimizerOptions {
  return Object.fromEntries(Object.entries(OPTIMIZER_OPTIONS).map(([key, o]) => [key, o.default])) as OptimizerOptions;
}
