// Original file: proto/finetune/trainer/v1/trainer.proto

import type { Job as _finetune_trainer_v1_Job, Job__Output as _finetune_trainer_v1_Job__Output } from '../../../finetune/trainer/v1/Job';

/**
 * The job just started.
 */
export interface StartTrainingResponse {
  /**
   * The new job, usually QUEUED.
   */
  'job'?: (_finetune_trainer_v1_Job | null);
}

/**
 * The job just started.
 */
export interface StartTrainingResponse__Output {
  /**
   * The new job, usually QUEUED.
   */
  'job': (_finetune_trainer_v1_Job__Output | null);
}
