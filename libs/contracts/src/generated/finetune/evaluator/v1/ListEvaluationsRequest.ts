// Original file: proto/finetune/evaluator/v1/evaluator.proto


/**
 * Names the evaluations to list.
 */
export interface ListEvaluationsRequest {
  /**
   * Evaluations of the checkpoints of one training job.
   */
  'job_id'?: (string);
  /**
   * Evaluations of the checkpoints in one train directory.
   */
  'train_dir'?: (string);
  /**
   * Whose evaluations.
   */
  'source'?: "job_id"|"train_dir";
}

/**
 * Names the evaluations to list.
 */
export interface ListEvaluationsRequest__Output {
  /**
   * Evaluations of the checkpoints of one training job.
   */
  'job_id'?: (string);
  /**
   * Evaluations of the checkpoints in one train directory.
   */
  'train_dir'?: (string);
  /**
   * Whose evaluations.
   */
  'source'?: "job_id"|"train_dir";
}
