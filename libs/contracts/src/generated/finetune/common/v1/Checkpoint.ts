// Original file: proto/finetune/common/v1/checkpoint.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * One saved checkpoint: a V2 bundle (`<prefix>.index` plus `<prefix>.data-*`) named by its prefix, as
 * TensorFlow's `tf.train.Saver` and the reference `checkpoint` file name it.
 */
export interface Checkpoint {
  /**
   * Path prefix without the `.index`/`.data-*` suffix, e.g. `train_dir/model.ckpt-1000`.
   */
  'path_prefix'?: (string);
  /**
   * Global step the checkpoint was saved at; the number after `model.ckpt-` in the prefix.
   */
  'step'?: (number | string | Long);
  /**
   * When the checkpoint's files were completely written (after the atomic rename).
   */
  'saved_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * One saved checkpoint: a V2 bundle (`<prefix>.index` plus `<prefix>.data-*`) named by its prefix, as
 * TensorFlow's `tf.train.Saver` and the reference `checkpoint` file name it.
 */
export interface Checkpoint__Output {
  /**
   * Path prefix without the `.index`/`.data-*` suffix, e.g. `train_dir/model.ckpt-1000`.
   */
  'path_prefix': (string);
  /**
   * Global step the checkpoint was saved at; the number after `model.ckpt-` in the prefix.
   */
  'step': (string);
  /**
   * When the checkpoint's files were completely written (after the atomic rename).
   */
  'saved_at': (_google_protobuf_Timestamp__Output | null);
}
