// Original file: proto/finetune/dataset/v1/dataset.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One TFRecord shard file.
 */
export interface ShardManifest {
  /**
   * File name relative to the dataset directory, e.g. `flowers_train_00000-of-00002.tfrecord`.
   */
  'file_name'?: (string);
  /**
   * Size of the file in bytes.
   */
  'size_bytes'?: (number | string | Long);
  /**
   * SHA-256 of the file's bytes as 64 lowercase hex digits.
   */
  'sha256'?: (string);
  /**
   * Number of records in the file.
   */
  'num_examples'?: (number | string | Long);
}

/**
 * One TFRecord shard file.
 */
export interface ShardManifest__Output {
  /**
   * File name relative to the dataset directory, e.g. `flowers_train_00000-of-00002.tfrecord`.
   */
  'file_name': (string);
  /**
   * Size of the file in bytes.
   */
  'size_bytes': (string);
  /**
   * SHA-256 of the file's bytes as 64 lowercase hex digits.
   */
  'sha256': (string);
  /**
   * Number of records in the file.
   */
  'num_examples': (string);
}
