// Original file: proto/finetune/inference/v1/inference.proto

import type { Prediction as _finetune_inference_v1_Prediction, Prediction__Output as _finetune_inference_v1_Prediction__Output } from '../../../finetune/inference/v1/Prediction';
import type { Long } from '@grpc/proto-loader';

/**
 * The top-k labels of one image.
 */
export interface ClassifyResponse {
  /**
   * Predictions sorted by score, highest first.
   */
  'predictions'?: (_finetune_inference_v1_Prediction)[];
  /**
   * Name of the model that answered.
   */
  'served_model_name'?: (string);
  /**
   * Version of the model that answered.
   */
  'model_version'?: (number | string | Long);
}

/**
 * The top-k labels of one image.
 */
export interface ClassifyResponse__Output {
  /**
   * Predictions sorted by score, highest first.
   */
  'predictions': (_finetune_inference_v1_Prediction__Output)[];
  /**
   * Name of the model that answered.
   */
  'served_model_name': (string);
  /**
   * Version of the model that answered.
   */
  'model_version': (string);
}
