// Original file: proto/finetune/trainer/v1/trainer.proto


/**
 * Asks one job to stop.
 */
export interface StopJobRequest {
  /**
   * Identifier returned by StartTraining.
   */
  'job_id'?: (string);
}

/**
 * Asks one job to stop.
 */
export interface StopJobRequest__Output {
  /**
   * Identifier returned by StartTraining.
   */
  'job_id': (string);
}
