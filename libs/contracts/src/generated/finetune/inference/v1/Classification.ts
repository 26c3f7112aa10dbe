// Original file: proto/finetune/inference/v1/inference.proto

import type { Prediction as _finetune_inference_v1_Prediction, Prediction__Output as _finetune_inference_v1_Prediction__Output } from '../../../finetune/inference/v1/Prediction';

/**
 * The top-k labels of one image of a batch.
 */
export interface Classification {
  /**
   * Predictions sorted by score, highest first.
   */
  'predictions'?: (_finetune_inference_v1_Prediction)[];
}

/**
 * The top-k labels of one image of a batch.
 */
export interface Classification__Output {
  /**
   * Predictions sorted by score, highest first.
   */
  'predictions': (_finetune_inference_v1_Prediction__Output)[];
}
