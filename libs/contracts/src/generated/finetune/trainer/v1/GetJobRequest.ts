// Original file: proto/finetune/trainer/v1/trainer.proto


/**
 * Names one job.
 */
export interface GetJobRequest {
  /**
   * Identifier returned by StartTraining.
   */
  'job_id'?: (string);
}

/**
 * Names one job.
 */
export interface GetJobRequest__Output {
  /**
   * Identifier returned by StartTraining.
   */
  'job_id': (string);
}
