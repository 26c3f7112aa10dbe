// Original file: proto/finetune/trainer/v1/trainer.proto

/**
 * How batch normalisation behaves: in layers that are not trained (frozen_batch_norm_mode) or in those
 * that are (trained_batch_norm_mode).
 */
export const BatchNormMode = {
  /**
   * Not given: inference, as the Keras fine-tuning guide advises. (The reference builds the whole
   * network with is_training=True, whatever trainable_scopes says: BATCH_STATISTICS keeps that.)
   */
  BATCH_NORM_MODE_UNSPECIFIED: 'BATCH_NORM_MODE_UNSPECIFIED',
  /**
   * Frozen layers normalise with their restored moving mean and variance and leave them unchanged;
   * what Keras does for frozen layers, and steadier with small batches.
   */
  BATCH_NORM_MODE_INFERENCE: 'BATCH_NORM_MODE_INFERENCE',
  /**
   * Frozen layers normalise with the statistics of the current batch, as in the reference.
   */
  BATCH_NORM_MODE_BATCH_STATISTICS: 'BATCH_NORM_MODE_BATCH_STATISTICS',
} as const;

/**
 * How batch normalisation behaves: in layers that are not trained (frozen_batch_norm_mode) or in those
 * that are (trained_batch_norm_mode).
 */
export type BatchNormMode =
  /**
   * Not given: inference, as the Keras fine-tuning guide advises. (The reference builds the whole
   * network with is_training=True, whatever trainable_scopes says: BATCH_STATISTICS keeps that.)
   */
  | 'BATCH_NORM_MODE_UNSPECIFIED'
  | 0
  /**
   * Frozen layers normalise with their restored moving mean and variance and leave them unchanged;
   * what Keras does for frozen layers, and steadier with small batches.
   */
  | 'BATCH_NORM_MODE_INFERENCE'
  | 1
  /**
   * Frozen layers normalise with the statistics of the current batch, as in the reference.
   */
  | 'BATCH_NORM_MODE_BATCH_STATISTICS'
  | 2

/**
 * How batch normalisation behaves: in layers that are not trained (frozen_batch_norm_mode) or in those
 * that are (trained_batch_norm_mode).
 */
export type BatchNormMode__Output = typeof BatchNormMode[keyof typeof BatchNormMode]
