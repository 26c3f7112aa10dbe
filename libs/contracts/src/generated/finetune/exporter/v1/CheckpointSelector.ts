// Original file: proto/finetune/exporter/v1/exporter.proto

/**
 * Which checkpoint of a train directory is exported.
 */
export const CheckpointSelector = {
  /**
   * Not given: the newest checkpoint.
   */
  CHECKPOINT_SELECTOR_UNSPECIFIED: 'CHECKPOINT_SELECTOR_UNSPECIFIED',
  /**
   * The newest checkpoint in train_dir.
   */
  CHECKPOINT_SELECTOR_NEWEST: 'CHECKPOINT_SELECTOR_NEWEST',
  /**
   * The checkpoint at ExportRequest.step.
   */
  CHECKPOINT_SELECTOR_STEP: 'CHECKPOINT_SELECTOR_STEP',
  /**
   * The evaluated checkpoint with the highest accuracy (the newer one on a tie), as the evaluator
   * has stored it for this job.
   */
  CHECKPOINT_SELECTOR_BEST_ACCURACY: 'CHECKPOINT_SELECTOR_BEST_ACCURACY',
} as const;

/**
 * Which checkpoint of a train directory is exported.
 */
export type CheckpointSelector =
  /**
   * Not given: the newest checkpoint.
   */
  | 'CHECKPOINT_SELECTOR_UNSPECIFIED'
  | 0
  /**
   * The newest checkpoint in train_dir.
   */
  | 'CHECKPOINT_SELECTOR_NEWEST'
  | 1
  /**
   * The checkpoint at ExportRequest.step.
   */
  | 'CHECKPOINT_SELECTOR_STEP'
  | 2
  /**
   * The evaluated checkpoint with the highest accuracy (the newer one on a tie), as the evaluator
   * has stored it for this job.
   */
  | 'CHECKPOINT_SELECTOR_BEST_ACCURACY'
  | 3

/**
 * Which checkpoint of a train directory is exported.
 */
export type CheckpointSelector__Output = typeof CheckpointSelector[keyof typeof CheckpointSelector]
