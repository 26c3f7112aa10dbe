// Original file: proto/finetune/trainer/v1/trainer.proto

import type { Job as _finetune_trainer_v1_Job, Job__Output as _finetune_trainer_v1_Job__Output } from '../../../finetune/trainer/v1/Job';

/**
 * The job asked for.
 */
export interface GetJobResponse {
  /**
   * The job with its latest progress.
   */
  'job'?: (_finetune_trainer_v1_Job | null);
}

/**
 * The job asked for.
 */
export interface GetJobResponse__Output {
  /**
   * The job with its latest progress.
   */
  'job': (_finetune_trainer_v1_Job__Output | null);
}
