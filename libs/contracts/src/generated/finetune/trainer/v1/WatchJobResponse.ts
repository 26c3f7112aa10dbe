// Original file: proto/finetune/trainer/v1/trainer.proto

import type { JobProgress as _finetune_events_v1_JobProgress, JobProgress__Output as _finetune_events_v1_JobProgress__Output } from '../../../finetune/events/v1/JobProgress';

/**
 * One progress report of the watched job.
 */
export interface WatchJobResponse {
  /**
   * The same message the trainer publishes on `finetune.events.job.progress`, so a watcher and an
   * event subscriber see one shape.
   */
  'progress'?: (_finetune_events_v1_JobProgress | null);
}

/**
 * One progress report of the watched job.
 */
export interface WatchJobResponse__Output {
  /**
   * The same message the trainer publishes on `finetune.events.job.progress`, so a watcher and an
   * event subscriber see one shape.
   */
  'progress': (_finetune_events_v1_JobProgress__Output | null);
}
