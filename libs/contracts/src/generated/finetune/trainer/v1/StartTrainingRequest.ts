// Original file: proto/finetune/trainer/v1/trainer.proto

import type { TrainingConfig as _finetune_trainer_v1_TrainingConfig, TrainingConfig__Output as _finetune_trainer_v1_TrainingConfig__Output } from '../../../finetune/trainer/v1/TrainingConfig';

/**
 * Starts a training job.
 */
export interface StartTrainingRequest {
  /**
   * The flags of the job.
   */
  'config'?: (_finetune_trainer_v1_TrainingConfig | null);
}

/**
 * Starts a training job.
 */
export interface StartTrainingRequest__Output {
  /**
   * The flags of the job.
   */
  'config': (_finetune_trainer_v1_TrainingConfig__Output | null);
}
