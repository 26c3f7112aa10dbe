// Original file: proto/finetune/trainer/v1/trainer.proto


/**
 * Names the job to watch.
 */
export interface WatchJobRequest {
  /**
   * Identifier returned by StartTraining.
   */
  'job_id'?: (string);
}

/**
 * Names the job to watch.
 */
export interface WatchJobRequest__Output {
  /**
   * Identifier returned by StartTraining.
   */
  'job_id': (string);
}
