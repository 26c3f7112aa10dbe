// Original file: proto/finetune/common/v1/job.proto

/**
 * Where a training job is in its life; QUEUED and RUNNING are live, the other three are final.
 */
export const JobState = {
  /**
   * Never set by the trainer; a reader seeing it has an older or newer contract than the writer.
   */
  JOB_STATE_UNSPECIFIED: 'JOB_STATE_UNSPECIFIED',
  /**
   * Accepted and waiting to start, e.g. behind another job on the same compute backend.
   */
  JOB_STATE_QUEUED: 'JOB_STATE_QUEUED',
  /**
   * Restoring the starting checkpoint or training.
   */
  JOB_STATE_RUNNING: 'JOB_STATE_RUNNING',
  /**
   * Reached max_number_of_steps; the final checkpoint is saved.
   */
  JOB_STATE_SUCCEEDED: 'JOB_STATE_SUCCEEDED',
  /**
   * Stopped by an error (e.g. NaN loss, unreadable dataset); the job's failure_reason says which.
   */
  JOB_STATE_FAILED: 'JOB_STATE_FAILED',
  /**
   * Stopped on request by StopJob; the checkpoints saved so far are kept.
   */
  JOB_STATE_STOPPED: 'JOB_STATE_STOPPED',
} as const;

/**
 * Where a training job is in its life; QUEUED and RUNNING are live, the other three are final.
 */
export type JobState =
  /**
   * Never set by the trainer; a reader seeing it has an older or newer contract than the writer.
   */
  | 'JOB_STATE_UNSPECIFIED'
  | 0
  /**
   * Accepted and waiting to start, e.g. behind another job on the same compute backend.
   */
  | 'JOB_STATE_QUEUED'
  | 1
  /**
   * Restoring the starting checkpoint or training.
   */
  | 'JOB_STATE_RUNNING'
  | 2
  /**
   * Reached max_number_of_steps; the final checkpoint is saved.
   */
  | 'JOB_STATE_SUCCEEDED'
  | 3
  /**
   * Stopped by an error (e.g. NaN loss, unreadable dataset); the job's failure_reason says which.
   */
  | 'JOB_STATE_FAILED'
  | 4
  /**
   * Stopped on request by StopJob; the checkpoints saved so far are kept.
   */
  | 'JOB_STATE_STOPPED'
  | 5

/**
 * Where a training job is in its life; QUEUED and RUNNING are live, the other three are final.
 */
export type JobState__Output = typeof JobState[keyof typeof JobState]
