// Original file: proto/finetune/inference/v1/inference.proto

import type { InputSpec as _finetune_common_v1_InputSpec, InputSpec__Output as _finetune_common_v1_InputSpec__Output } from '../../../finetune/common/v1/InputSpec';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * One loaded model version.
 */
export interface GetModelResponse {
  /**
   * Served model name.
   */
  'served_model_name'?: (string);
  /**
   * Model version.
   */
  'model_version'?: (number | string | Long);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name'?: (string);
  /**
   * Class names by output index: labels[i] is the class of logit i.
   */
  'labels'?: (string)[];
  /**
   * Input size and preprocessing the model expects.
   */
  'input'?: (_finetune_common_v1_InputSpec | null);
  /**
   * SHA-256 of the artifact as the exporter recorded it.
   */
  'sha256'?: (string);
  /**
   * Every version of this name the service has loaded, oldest first.
   */
  'loaded_versions'?: (number | string | Long)[];
  /**
   * When this version was loaded.
   */
  'loaded_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * One loaded model version.
 */
export interface GetModelResponse__Output {
  /**
   * Served model name.
   */
  'served_model_name': (string);
  /**
   * Model version.
   */
  'model_version': (string);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name': (string);
  /**
   * Class names by output index: labels[i] is the class of logit i.
   */
  'labels': (string)[];
  /**
   * Input size and preprocessing the model expects.
   */
  'input': (_finetune_common_v1_InputSpec__Output | null);
  /**
   * SHA-256 of the artifact as the exporter recorded it.
   */
  'sha256': (string);
  /**
   * Every version of this name the service has loaded, oldest first.
   */
  'loaded_versions': (string)[];
  /**
   * When this version was loaded.
   */
  'loaded_at': (_google_protobuf_Timestamp__Output | null);
}
