// Original file: proto/finetune/trainer/v1/trainer.proto

import type { TrainingConfig as _finetune_trainer_v1_TrainingConfig, TrainingConfig__Output as _finetune_trainer_v1_TrainingConfig__Output } from '../../../finetune/trainer/v1/TrainingConfig';
import type { JobState as _finetune_common_v1_JobState, JobState__Output as _finetune_common_v1_JobState__Output } from '../../../finetune/common/v1/JobState';
import type { Checkpoint as _finetune_common_v1_Checkpoint, Checkpoint__Output as _finetune_common_v1_Checkpoint__Output } from '../../../finetune/common/v1/Checkpoint';
import type { JobProgress as _finetune_events_v1_JobProgress, JobProgress__Output as _finetune_events_v1_JobProgress__Output } from '../../../finetune/events/v1/JobProgress';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * A training job as the trainer knows it.
 */
export interface Job {
  /**
   * Identifier the trainer assigned at StartTraining.
   */
  'job_id'?: (string);
  /**
   * The configuration it was started with, defaults filled in.
   */
  'config'?: (_finetune_trainer_v1_TrainingConfig | null);
  /**
   * Where the job is in its life.
   */
  'state'?: (_finetune_common_v1_JobState);
  /**
   * Why the job FAILED, naming the file, flag or step at fault; empty in every other state.
   */
  'failure_reason'?: (string);
  /**
   * Checkpoint training started from: the pretrained one, or the newest in train_dir on a restart.
   */
  'initial_checkpoint'?: (_finetune_common_v1_Checkpoint | null);
  /**
   * The most recent progress report; step 0 and no loss until the first step is done.
   */
  'progress'?: (_finetune_events_v1_JobProgress | null);
  /**
   * When StartTraining accepted the job.
   */
  'created_at'?: (_google_protobuf_Timestamp | null);
  /**
   * When training began (after QUEUED); unset while queued.
   */
  'started_at'?: (_google_protobuf_Timestamp | null);
  /**
   * When the job reached a final state; unset while it is live.
   */
  'finished_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * A training job as the trainer knows it.
 */
export interface Job__Output {
  /**
   * Identifier the trainer assigned at StartTraining.
   */
  'job_id': (string);
  /**
   * The configuration it was started with, defaults filled in.
   */
  'config': (_finetune_trainer_v1_TrainingConfig__Output | null);
  /**
   * Where the job is in its life.
   */
  'state': (_finetune_common_v1_JobState__Output);
  /**
   * Why the job FAILED, naming the file, flag or step at fault; empty in every other state.
   */
  'failure_reason': (string);
  /**
   * Checkpoint training started from: the pretrained one, or the newest in train_dir on a restart.
   */
  'initial_checkpoint': (_finetune_common_v1_Checkpoint__Output | null);
  /**
   * The most recent progress report; step 0 and no loss until the first step is done.
   */
  'progress': (_finetune_events_v1_JobProgress__Output | null);
  /**
   * When StartTraining accepted the job.
   */
  'created_at': (_google_protobuf_Timestamp__Output | null);
  /**
   * When training began (after QUEUED); unset while queued.
   */
  'started_at': (_google_protobuf_Timestamp__Output | null);
  /**
   * When the job reached a final state; unset while it is live.
   */
  'finished_at': (_google_protobuf_Timestamp__Output | null);
}
