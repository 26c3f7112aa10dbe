// Original file: proto/finetune/inference/v1/inference.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One image to classify.
 */
export interface ClassifyRequest {
  /**
   * The encoded image file (JPEG or PNG); it is resized to the model's input size.
   */
  'image'?: (Buffer | Uint8Array | string);
  /**
   * Number of labels returned, highest score first; 0 means 5. Clamped to the number of classes.
   */
  'top_k'?: (number);
  /**
   * Served model name (ExportedModel.name); empty means the service's default model.
   */
  'served_model_name'?: (string);
  /**
   * Model version; 0 means the newest loaded version.
   */
  'model_version'?: (number | string | Long);
}

/**
 * One image to classify.
 */
export interface ClassifyRequest__Output {
  /**
   * The encoded image file (JPEG or PNG); it is resized to the model's input size.
   */
  'image': (Buffer);
  /**
   * Number of labels returned, highest score first; 0 means 5. Clamped to the number of classes.
   */
  'top_k': (number);
  /**
   * Served model name (ExportedModel.name); empty means the service's default model.
   */
  'served_model_name': (string);
  /**
   * Model version; 0 means the newest loaded version.
   */
  'model_version': (string);
}
