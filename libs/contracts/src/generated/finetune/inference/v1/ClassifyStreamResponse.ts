// Original file: proto/finetune/inference/v1/inference.proto

import type { Prediction as _finetune_inference_v1_Prediction, Prediction__Output as _finetune_inference_v1_Prediction__Output } from '../../../finetune/inference/v1/Prediction';
import type { ClassifyError as _finetune_inference_v1_ClassifyError, ClassifyError__Output as _finetune_inference_v1_ClassifyError__Output } from '../../../finetune/inference/v1/ClassifyError';
import type { Long } from '@grpc/proto-loader';

/**
 * The answer to one ClassifyStreamRequest.
 */
export interface ClassifyStreamResponse {
  /**
   * The request_id of the request answered.
   */
  'request_id'?: (string);
  /**
   * Predictions sorted by score, highest first; empty when error is set.
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
  /**
   * Why this image could not be classified; unset on success. The stream goes on either way.
   */
  'error'?: (_finetune_inference_v1_ClassifyError | null);
}

/**
 * The answer to one ClassifyStreamRequest.
 */
export interface ClassifyStreamResponse__Output {
  /**
   * The request_id of the request answered.
   */
  'request_id': (string);
  /**
   * Predictions sorted by score, highest first; empty when error is set.
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
  /**
   * Why this image could not be classified; unset on success. The stream goes on either way.
   */
  'error': (_finetune_inference_v1_ClassifyError__Output | null);
}
