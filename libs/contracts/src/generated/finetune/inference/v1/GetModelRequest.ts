// Original file: proto/finetune/inference/v1/inference.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Names one served model version.
 */
export interface GetModelRequest {
  /**
   * Served model name; empty means the service's default model.
   */
  'served_model_name'?: (string);
  /**
   * Model version; 0 means the newest loaded version.
   */
  'model_version'?: (number | string | Long);
}

/**
 * Names one served model version.
 */
export interface GetModelRequest__Output {
  /**
   * Served model name; empty means the service's default model.
   */
  'served_model_name': (string);
  /**
   * Model version; 0 means the newest loaded version.
   */
  'model_version': (string);
}
