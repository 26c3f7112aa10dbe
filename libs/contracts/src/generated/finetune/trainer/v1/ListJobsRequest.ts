// Original file: proto/finetune/trainer/v1/trainer.proto

import type { JobState as _finetune_common_v1_JobState, JobState__Output as _finetune_common_v1_JobState__Output } from '../../../finetune/common/v1/JobState';

/**
 * Filters for listing jobs; every filter left empty matches all jobs.
 */
export interface ListJobsRequest {
  /**
   * Only jobs in one of these states.
   */
  'states'?: (_finetune_common_v1_JobState)[];
  /**
   * Only jobs training into this directory.
   */
  'train_dir'?: (string);
}

/**
 * Filters for listing jobs; every filter left empty matches all jobs.
 */
export interface ListJobsRequest__Output {
  /**
   * Only jobs in one of these states.
   */
  'states': (_finetune_common_v1_JobState__Output)[];
  /**
   * Only jobs training into this directory.
   */
  'train_dir': (string);
}
