// Original file: proto/finetune/trainer/v1/trainer.proto

import type { Job as _finetune_trainer_v1_Job, Job__Output as _finetune_trainer_v1_Job__Output } from '../../../finetune/trainer/v1/Job';

/**
 * The job after the stop was requested.
 */
export interface StopJobResponse {
  /**
   * The job; still RUNNING until the current step ends, then STOPPED (watch it to see that).
   */
  'job'?: (_finetune_trainer_v1_Job | null);
}

/**
 * The job after the stop was requested.
 */
export interface StopJobResponse__Output {
  /**
   * The job; still RUNNING until the current step ends, then STOPPED (watch it to see that).
   */
  'job': (_finetune_trainer_v1_Job__Output | null);
}
