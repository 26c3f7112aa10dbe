// Original file: proto/finetune/evaluator/v1/evaluator.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Counts of true label against predicted (top-1) label.
 */
export interface ConfusionMatrix {
  /**
   * Number of classes; the matrix is size x size.
   */
  'size'?: (number);
  /**
   * Row-major counts: counts[true_label * size + predicted_label].
   */
  'counts'?: (number | string | Long)[];
}

/**
 * Counts of true label against predicted (top-1) label.
 */
export interface ConfusionMatrix__Output {
  /**
   * Number of classes; the matrix is size x size.
   */
  'size': (number);
  /**
   * Row-major counts: counts[true_label * size + predicted_label].
   */
  'counts': (string)[];
}
