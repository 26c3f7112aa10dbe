// Hyper-parameters of every optimizer, named after the reference's flags, with the reference defaults.

/** --opt_epsilon: 1.0 in train_image_classifier, far above the 1e-7/1e-8 of library defaults. */
export const OPT_EPSILON = 1.0;
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

export interface OptimizerOptions {
  /** --opt_epsilon, used by rmsprop, adam and adadelta. @default 1.0 */
  optEpsilon: number;
  /** --rmsprop_decay: decay of the mean square. @default 0.9 */
  rmspropDecay: number;
  /** --rmsprop_momentum. @default 0.9 */
  rmspropMomentum: number;
  /** --adam_beta1. @default 0.9 */
  adamBeta1: number;
  /** --adam_beta2. @default 0.999 */
  adamBeta2: number;
  /** --momentum, for the momentum optimizer. @default 0.9 */
  momentum: number;
  /** --adagrad_initial_accumulator_value. @default 0.1 */
  adagradInitialAccumulatorValue: number;
  /** --adadelta_rho. @default 0.95 */
  adadeltaRho: number;
  /** --ftrl_learning_rate_power. @default -0.5 */
  ftrlLearningRatePower: number;
  /** --ftrl_initial_accumulator_value. @default 0.1 */
  ftrlInitialAccumulatorValue: number;
  /** --ftrl_l1. @default 0.0 */
  ftrlL1: number;
  /** --ftrl_l2. @default 0.0 */
  ftrlL2: number;
}

export function defaultOptimizerOptions(): OptimizerOptions {
  return {
    optEpsilon: OPT_EPSILON,
    rmspropDecay: RMSPROP_DECAY,
    rmspropMomentum: RMSPROP_MOMENTUM,
    adamBeta1: ADAM_BETA1,
    adamBeta2: ADAM_BETA2,
    momentum: MOMENTUM,
    adagradInitialAccumulatorValue: ADAGRAD_INITIAL_ACCUMULATOR_VALUE,
    adadeltaRho: ADADELTA_RHO,
    ftrlLearningRatePower: FTRL_LEARNING_RATE_POWER,
    ftrlInitialAccumulatorValue: FTRL_INITIAL_ACCUMULATOR_VALUE,
    ftrlL1: FTRL_L1,
    ftrlL2: FTRL_L2,
  };
}

/** Flag spelling of each option, so an error names what the user typed. */
export const OPTIMIZER_FLAGS: Record<keyof OptimizerOptions, string> = {
  optEpsilon: 'opt_epsilon',
  rmspropDecay: 'rmsprop_decay',
  rmspropMomentum: 'rmsprop_momentum',
  adamBeta1: 'adam_beta1',
  adamBeta2: 'adam_beta2',
  momentum: 'momentum',
  adagradInitialAccumulatorValue: 'adagrad_initial_accumulator_value',
  adadeltaRho: 'adadelta_rho',
  ftrlLearningRatePower: 'ftrl_learning_rate_power',
  ftrlInitialAccumulatorValue: 'ftrl_initial_accumulator_value',
  ftrlL1: 'ftrl_l1',
  ftrlL2: 'ftrl_l2',
};
