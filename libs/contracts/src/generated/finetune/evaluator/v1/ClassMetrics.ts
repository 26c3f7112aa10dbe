// Original file: proto/finetune/evaluator/v1/evaluator.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Precision and recall of one class.
 */
export interface ClassMetrics {
  /**
   * The label (index into the dataset's classes).
   */
  'label'?: (number);
  /**
   * The class name, line `label` of `label.txt`.
   */
  'class_name'?: (string);
  /**
   * Of the examples predicted as this class, the fraction that are; 0 if none were predicted.
   */
  'precision'?: (number | string);
  /**
   * Of the examples of this class, the fraction predicted as it; 0 if the split has none.
   */
  'recall'?: (number | string);
  /**
   * Number of examples of this class in what was evaluated.
   */
  'num_examples'?: (number | string | Long);
}

/**
 * Precision and recall of one class.
 */
export interface ClassMetrics__Output {
  /**
   * The label (index into the dataset's classes).
   */
  'label': (number);
  /**
   * The class name, line `label` of `label.txt`.
   */
  'class_name': (string);
  /**
   * Of the examples predicted as this class, the fraction that are; 0 if none were predicted.
   */
  'precision': (number);
  /**
   * Of the examples of this class, the fraction predicted as it; 0 if the split has none.
   */
  'recall': (number);
  /**
   * Number of examples of this class in what was evaluated.
   */
  'num_examples': (string);
}
