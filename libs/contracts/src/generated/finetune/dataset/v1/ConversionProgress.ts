// Original file: proto/finetune/dataset/v1/dataset.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Progress of a running conversion.
 */
export interface ConversionProgress {
  /**
   * Split being written: `train` or `validation`.
   */
  'split_name'?: (string);
  /**
   * Images of this split converted so far.
   */
  'images_done'?: (number | string | Long);
  /**
   * Images of this split in total, skipped ones included.
   */
  'images_total'?: (number | string | Long);
  /**
   * Shards of this split completely written so far.
   */
  'shards_done'?: (number);
  /**
   * Images skipped so far because skip_invalid is set and they did not decode.
   */
  'images_skipped'?: (number | string | Long);
}

/**
 * Progress of a running conversion.
 */
export interface ConversionProgress__Output {
  /**
   * Split being written: `train` or `validation`.
   */
  'split_name': (string);
  /**
   * Images of this split converted so far.
   */
  'images_done': (string);
  /**
   * Images of this split in total, skipped ones included.
   */
  'images_total': (string);
  /**
   * Shards of this split completely written so far.
   */
  'shards_done': (number);
  /**
   * Images skipped so far because skip_invalid is set and they did not decode.
   */
  'images_skipped': (string);
}
