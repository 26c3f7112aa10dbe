// Original file: proto/finetune/trainer/v1/trainer.proto

/**
 * Per-class weights of the loss, as `--class_weights`.
 */
export const ClassWeights = {
  /**
   * Not given: none.
   */
  CLASS_WEIGHTS_UNSPECIFIED: 'CLASS_WEIGHTS_UNSPECIFIED',
  /**
   * `none`: every example weighs 1, as in the reference.
   */
  CLASS_WEIGHTS_NONE: 'CLASS_WEIGHTS_NONE',
  /**
   * `balanced`: an example of class c weighs n_samples / (n_classes * count_c), from the per-class counts of
   * the dataset's manifest for the split trained on; a manifest without them is an INVALID_ARGUMENT error.
   */
  CLASS_WEIGHTS_BALANCED: 'CLASS_WEIGHTS_BALANCED',
} as const;

/**
 * Per-class weights of the loss, as `--class_weights`.
 */
export type ClassWeights =
  /**
   * Not given: none.
   */
  | 'CLASS_WEIGHTS_UNSPECIFIED'
  | 0
  /**
   * `none`: every example weighs 1, as in the reference.
   */
  | 'CLASS_WEIGHTS_NONE'
  | 1
  /**
   * `balanced`: an example of class c weighs n_samples / (n_classes * count_c), from the per-class counts of
   * the dataset's manifest for the split trained on; a manifest without them is an INVALID_ARGUMENT error.
   */
  | 'CLASS_WEIGHTS_BALANCED'
  | 2

/**
 * Per-class weights of the loss, as `--class_weights`.
 */
export type ClassWeights__Output = typeof ClassWeights[keyof typeof ClassWeights]
