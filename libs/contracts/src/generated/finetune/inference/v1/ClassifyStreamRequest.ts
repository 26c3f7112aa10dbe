// Original file: proto/finetune/inference/v1/inference.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One image on a ClassifyStream.
 */
export interface ClassifyStreamRequest {
  /**
   * Caller-chosen identifier echoed in the response, to match answers to questions.
   */
  'request_id'?: (string);
  /**
   * The encoded image file (JPEG or PNG).
   */
  'image'?: (Buffer | Uint8Array | string);
  /**
   * Number of labels returned; 0 means 5. Clamped to the number of classes.
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
 * One image on a ClassifyStream.
 */
export interface ClassifyStreamRequest__Output {
  /**
   * Caller-chosen identifier echoed in the response, to match answers to questions.
   */
  'request_id': (string);
  /**
   * The encoded image file (JPEG or PNG).
   */
  'image': (Buffer);
  /**
   * Number of labels returned; 0 means 5. Clamped to the number of classes.
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
