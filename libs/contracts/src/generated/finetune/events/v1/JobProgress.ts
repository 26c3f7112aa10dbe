// Original file: proto/finetune/events/v1/events.proto

import type { JobState as _finetune_common_v1_JobState, JobState__Output as _finetune_common_v1_JobState__Output } from '../../../finetune/common/v1/JobState';
import type { Checkpoint as _finetune_common_v1_Checkpoint, Checkpoint__Output as _finetune_common_v1_Checkpoint__Output } from '../../../finetune/common/v1/Checkpoint';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * Progress of a training job, every log_every_n_steps steps and on each change of state; also what
 * the trainer's WatchJob streams. Subject: `finetune.events.job.progress`.
 */
export interface JobProgress {
  /**
   * Training job reporting.
   */
  'job_id'?: (string);
  /**
   * The job's train directory.
   */
  'train_dir'?: (string);
  /**
   * Where the job is in its life.
   */
  'state'?: (_finetune_common_v1_JobState);
  /**
   * Global step reached (steps completed, counting restarts from the restored checkpoint).
   */
  'step'?: (number | string | Long);
  /**
   * The job's max_number_of_steps; 0 when it has no limit.
   */
  'max_number_of_steps'?: (number | string | Long);
  /**
   * Total loss of the last step (cross-entropy plus regularisation), as the reference logged it.
   */
  'loss'?: (number | string);
  /**
   * Learning rate used at the last step, after decay.
   */
  'learning_rate'?: (number | string);
  /**
   * Training throughput over the last reporting interval, in images per second.
   */
  'images_per_sec'?: (number | string);
  /**
   * Mean wall-clock time per step over the last reporting interval, in seconds (`sec/step`).
   */
  'secs_per_step'?: (number | string);
  /**
   * Newest checkpoint saved so far; unset until step 0 has been saved.
   */
  'newest_checkpoint'?: (_finetune_common_v1_Checkpoint | null);
  /**
   * Why the job failed; empty unless state is FAILED.
   */
  'failure_reason'?: (string);
  /**
   * When this report was made.
   */
  'reported_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * Progress of a training job, every log_every_n_steps steps and on each change of state; also what
 * the trainer's WatchJob streams. Subject: `finetune.events.job.progress`.
 */
export interface JobProgress__Output {
  /**
   * Training job reporting.
   */
  'job_id': (string);
  /**
   * The job's train directory.
   */
  'train_dir': (string);
  /**
   * Where the job is in its life.
   */
  'state': (_finetune_common_v1_JobState__Output);
  /**
   * Global step reached (steps completed, counting restarts from the restored checkpoint).
   */
  'step': (string);
  /**
   * The job's max_number_of_steps; 0 when it has no limit.
   */
  'max_number_of_steps': (string);
  /**
   * Total loss of the last step (cross-entropy plus regularisation), as the reference logged it.
   */
  'loss': (number);
  /**
   * Learning rate used at the last step, after decay.
   */
  'learning_rate': (number);
  /**
   * Training throughput over the last reporting interval, in images per second.
   */
  'images_per_sec': (number);
  /**
   * Mean wall-clock time per step over the last reporting interval, in seconds (`sec/step`).
   */
  'secs_per_step': (number);
  /**
   * Newest checkpoint saved so far; unset until step 0 has been saved.
   */
  'newest_checkpoint': (_finetune_common_v1_Checkpoint__Output | null);
  /**
   * Why the job failed; empty unless state is FAILED.
   */
  'failure_reason': (string);
  /**
   * When this report was made.
   */
  'reported_at': (_google_protobuf_Timestamp__Output | null);
}
