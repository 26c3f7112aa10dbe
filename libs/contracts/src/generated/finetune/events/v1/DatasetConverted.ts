// Original file: proto/finetune/events/v1/events.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * A dataset finished converting. Subject: `finetune.events.dataset.converted`.
 */
export interface DatasetConverted {
  /**
   * Name the shards are prefixed with, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * Directory of the shards, `label.txt` and manifest; what `--dataset_dir` points to.
   */
  'dataset_dir'?: (string);
  /**
   * Number of classes (lines of `label.txt`).
   */
  'num_classes'?: (number);
  /**
   * Examples in the train split.
   */
  'num_train_examples'?: (number | string | Long);
  /**
   * Examples in the validation split.
   */
  'num_validation_examples'?: (number | string | Long);
  /**
   * Input files skipped because they did not decode (only with skip_invalid).
   */
  'num_skipped_images'?: (number | string | Long);
  /**
   * When the conversion finished.
   */
  'converted_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * A dataset finished converting. Subject: `finetune.events.dataset.converted`.
 */
export interface DatasetConverted__Output {
  /**
   * Name the shards are prefixed with, e.g. `flowers`.
   */
  'dataset_name': (string);
  /**
   * Directory of the shards, `label.txt` and manifest; what `--dataset_dir` points to.
   */
  'dataset_dir': (string);
  /**
   * Number of classes (lines of `label.txt`).
   */
  'num_classes': (number);
  /**
   * Examples in the train split.
   */
  'num_train_examples': (string);
  /**
   * Examples in the validation split.
   */
  'num_validation_examples': (string);
  /**
   * Input files skipped because they did not decode (only with skip_invalid).
   */
  'num_skipped_images': (string);
  /**
   * When the conversion finished.
   */
  'converted_at': (_google_protobuf_Timestamp__Output | null);
}
