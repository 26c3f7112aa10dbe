// Original file: proto/finetune/common/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The headline numbers of evaluating one checkpoint on one split, as the reference eval script
 * printed them (`eval/Accuracy`, `eval/Recall_5`); small enough to travel in every event.
 */
export interface EvaluationMetrics {
  /**
   * Top-1 accuracy in [0, 1]: the fraction of examples whose highest-scoring label is the true one.
   */
  'accuracy'?: (number | string);
  /**
   * Recall@k in [0, 1]: the fraction of examples whose true label is among the k highest scores.
   */
  'recall_at_k'?: (number | string);
  /**
   * The k that recall_at_k used: the requested k (default 5) clamped to the number of classes.
   */
  'k'?: (number);
  /**
   * Mean softmax cross-entropy loss over the examples, without regularisation terms.
   */
  'loss'?: (number | string);
  /**
   * Number of examples evaluated.
   */
  'num_examples'?: (number | string | Long);
}

/**
 * The headline numbers of evaluating one checkpoint on one split, as the reference eval script
 * printed them (`eval/Accuracy`, `eval/Recall_5`); small enough to travel in every event.
 */
export interface EvaluationMetrics__Output {
  /**
   * Top-1 accuracy in [0, 1]: the fraction of examples whose highest-scoring label is the true one.
   */
  'accuracy': (number);
  /**
   * Recall@k in [0, 1]: the fraction of examples whose true label is among the k highest scores.
   */
  'recall_at_k': (number);
  /**
   * The k that recall_at_k used: the requested k (default 5) clamped to the number of classes.
   */
  'k': (number);
  /**
   * Mean softmax cross-entropy loss over the examples, without regularisation terms.
   */
  'loss': (number);
  /**
   * Number of examples evaluated.
   */
  'num_examples': (string);
}
