// Original file: proto/finetune/inference/v1/inference.proto


/**
 * A per-image failure on a stream, where a gRPC status would end the whole stream.
 */
export interface ClassifyError {
  /**
   * The gRPC status code name the error would have had as a call, e.g. `INVALID_ARGUMENT`.
   */
  'code'?: (string);
  /**
   * What went wrong and what to do, for a person.
   */
  'message'?: (string);
}

/**
 * A per-image failure on a stream, where a gRPC status would end the whole stream.
 */
export interface ClassifyError__Output {
  /**
   * The gRPC status code name the error would have had as a call, e.g. `INVALID_ARGUMENT`.
   */
  'code': (string);
  /**
   * What went wrong and what to do, for a person.
   */
  'message': (string);
}
