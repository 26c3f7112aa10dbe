// Original file: proto/finetune/inference/v1/inference.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Several images to classify with one model.
 */
export interface ClassifyBatchRequest {
  /**
   * Encoded image files (JPEG or PNG).
   */
  'images'?: (Buffer | Uint8Array | string)[];
  /**
   * Number of labels returned per image; 0 means 5. Clamped to the number of classes.
   */
  'top_k'?: (number);
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
 * Several images to classify with one model.
 */
export interface ClassifyBatchRequest__Output {
  /**
   * Encoded image files (JPEG or PNG).
   */
  'images': (Buffer)[];
  /**
   * Number of labels returned per image; 0 means 5. Clamped to the number of classes.
   */
  'top_k': (number);
  /**
   * Served model name; empty means the service's default model.
   */
  'served_model_name': (string);
  /**
   * Model version; 0 means the newest loaded version.
   */
  'model_version': (string);
}
