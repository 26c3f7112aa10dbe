// Original file: proto/finetune/trainer/v1/trainer.proto

/**
 * The optimizer, as `--optimizer`; each uses the matching opt_* / adam_* / rmsprop_* / ftrl_* fields.
 */
export const Optimizer = {
  /**
   * Not given: the default (rmsprop, as the reference).
   */
  OPTIMIZER_UNSPECIFIED: 'OPTIMIZER_UNSPECIFIED',
  /**
   * `adadelta`, with adadelta_rho and opt_epsilon.
   */
  OPTIMIZER_ADADELTA: 'OPTIMIZER_ADADELTA',
  /**
   * `adagrad`, with adagrad_initial_accumulator_value.
   */
  OPTIMIZER_ADAGRAD: 'OPTIMIZER_ADAGRAD',
  /**
   * `adam`, with adam_beta1, adam_beta2 and opt_epsilon.
   */
  OPTIMIZER_ADAM: 'OPTIMIZER_ADAM',
  /**
   * `ftrl`, with the ftrl_* fields.
   */
  OPTIMIZER_FTRL: 'OPTIMIZER_FTRL',
  /**
   * `momentum`, with momentum (no Nesterov, as in the reference).
   */
  OPTIMIZER_MOMENTUM: 'OPTIMIZER_MOMENTUM',
  /**
   * `rmsprop`, with rmsprop_decay, rmsprop_momentum and opt_epsilon.
   */
  OPTIMIZER_RMSPROP: 'OPTIMIZER_RMSPROP',
  /**
   * `sgd`: plain gradient descent.
   */
  OPTIMIZER_SGD: 'OPTIMIZER_SGD',
} as const;

/**
 * The optimizer, as `--optimizer`; each uses the matching opt_* / adam_* / rmsprop_* / ftrl_* fields.
 */
export type Optimizer =
  /**
   * Not given: the default (rmsprop, as the reference).
   */
  | 'OPTIMIZER_UNSPECIFIED'
  | 0
  /**
   * `adadelta`, with adadelta_rho and opt_epsilon.
   */
  | 'OPTIMIZER_ADADELTA'
  | 1
  /**
   * `adagrad`, with adagrad_initial_accumulator_value.
   */
  | 'OPTIMIZER_ADAGRAD'
  | 2
  /**
   * `adam`, with adam_beta1, adam_beta2 and opt_epsilon.
   */
  | 'OPTIMIZER_ADAM'
  | 3
  /**
   * `ftrl`, with the ftrl_* fields.
   */
  | 'OPTIMIZER_FTRL'
  | 4
  /**
   * `momentum`, with momentum (no Nesterov, as in the reference).
   */
  | 'OPTIMIZER_MOMENTUM'
  | 5
  /**
   * `rmsprop`, with rmsprop_decay, rmsprop_momentum and opt_epsilon.
   */
  | 'OPTIMIZER_RMSPROP'
  | 6
  /**
   * `sgd`: plain gradient descent.
   */
  | 'OPTIMIZER_SGD'
  | 7

/**
 * The optimizer, as `--optimizer`; each uses the matching opt_* / adam_* / rmsprop_* / ftrl_* fields.
 */
export type Optimizer__Output = typeof Optimizer[keyof typeof Optimizer]
