// Original file: proto/finetune/trainer/v1/trainer.proto

/**
 * How the learning rate changes with the epoch, as `--learning_rate_decay_type`.
 */
export const LearningRateDecayType = {
  /**
   * Not given: the default (exponential, as the reference).
   */
  LEARNING_RATE_DECAY_TYPE_UNSPECIFIED: 'LEARNING_RATE_DECAY_TYPE_UNSPECIFIED',
  /**
   * `fixed`: learning_rate throughout.
   */
  LEARNING_RATE_DECAY_TYPE_FIXED: 'LEARNING_RATE_DECAY_TYPE_FIXED',
  /**
   * `exponential`: multiplied by learning_rate_decay_factor every num_epochs_per_decay epochs,
   * in steps (staircase), as in the reference.
   */
  LEARNING_RATE_DECAY_TYPE_EXPONENTIAL: 'LEARNING_RATE_DECAY_TYPE_EXPONENTIAL',
  /**
   * `polynomial`: linear (power 1.0) from learning_rate to end_learning_rate over
   * num_epochs_per_decay epochs, then held, as in the reference.
   */
  LEARNING_RATE_DECAY_TYPE_POLYNOMIAL: 'LEARNING_RATE_DECAY_TYPE_POLYNOMIAL',
  /**
   * `cosine`: half a cosine from learning_rate to end_learning_rate (absent: 0) over the steps from the
   * end of warmup to max_number_of_steps, then held; over num_epochs_per_decay epochs when there is no limit.
   */
  LEARNING_RATE_DECAY_TYPE_COSINE: 'LEARNING_RATE_DECAY_TYPE_COSINE',
} as const;

/**
 * How the learning rate changes with the epoch, as `--learning_rate_decay_type`.
 */
export type LearningRateDecayType =
  /**
   * Not given: the default (exponential, as the reference).
   */
  | 'LEARNING_RATE_DECAY_TYPE_UNSPECIFIED'
  | 0
  /**
   * `fixed`: learning_rate throughout.
   */
  | 'LEARNING_RATE_DECAY_TYPE_FIXED'
  | 1
  /**
   * `exponential`: multiplied by learning_rate_decay_factor every num_epochs_per_decay epochs,
   * in steps (staircase), as in the reference.
   */
  | 'LEARNING_RATE_DECAY_TYPE_EXPONENTIAL'
  | 2
  /**
   * `polynomial`: linear (power 1.0) from learning_rate to end_learning_rate over
   * num_epochs_per_decay epochs, then held, as in the reference.
   */
  | 'LEARNING_RATE_DECAY_TYPE_POLYNOMIAL'
  | 3
  /**
   * `cosine`: half a cosine from learning_rate to end_learning_rate (absent: 0) over the steps from the
   * end of warmup to max_number_of_steps, then held; over num_epochs_per_decay epochs when there is no limit.
   */
  | 'LEARNING_RATE_DECAY_TYPE_COSINE'
  | 4

/**
 * How the learning rate changes with the epoch, as `--learning_rate_decay_type`.
 */
export type LearningRateDecayType__Output = typeof LearningRateDecayType[keyof typeof LearningRateDecayType]
