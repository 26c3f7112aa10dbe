// Original file: proto/finetune/trainer/v1/trainer.proto

import type { Job as _finetune_trainer_v1_Job, Job__Output as _finetune_trainer_v1_Job__Output } from '../../../finetune/trainer/v1/Job';

/**
 * The jobs that matched.
 */
export interface ListJobsResponse {
  /**
   * Jobs sorted by created_at, newest first.
   */
  'jobs'?: (_finetune_trainer_v1_Job)[];
}

/**
 * The jobs that matched.
 */
export interface ListJobsResponse__Output {
  /**
   * Jobs sorted by created_at, newest first.
   */
  'jobs': (_finetune_trainer_v1_Job__Output)[];
}
