// Original file: proto/finetune/inference/v1/inference.proto

import type { Classification as _finetune_inference_v1_Classification, Classification__Output as _finetune_inference_v1_Classification__Output } from '../../../finetune/inference/v1/Classification';
import type { Long } from '@grpc/proto-loader';

/**
 * The top-k labels of each image of a batch.
 */
export interface ClassifyBatchResponse {
  /**
   * One classification per image, in request order.
   */
  'classifications'?: (_finetune_inference_v1_Classification)[];
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
 * The top-k labels of each image of a batch.
 */
export interface ClassifyBatchResponse__Output {
  /**
   * One classification per image, in request order.
   */
  'classifications': (_finetune_inference_v1_Classification__Output)[];
  /**
   * Name of the model that answered.
   */
  'served_model_name': (string);
  /**
   * Version of the model that answered.
   */
  'model_version': (string);
}
