// Original file: proto/finetune/evaluator/v1/evaluator.proto

import type { EvaluationStatus as _finetune_evaluator_v1_EvaluationStatus, EvaluationStatus__Output as _finetune_evaluator_v1_EvaluationStatus__Output } from '../../../finetune/evaluator/v1/EvaluationStatus';
import type { EvaluationMetrics as _finetune_common_v1_EvaluationMetrics, EvaluationMetrics__Output as _finetune_common_v1_EvaluationMetrics__Output } from '../../../finetune/common/v1/EvaluationMetrics';
import type { ClassMetrics as _finetune_evaluator_v1_ClassMetrics, ClassMetrics__Output as _finetune_evaluator_v1_ClassMetrics__Output } from '../../../finetune/evaluator/v1/ClassMetrics';
import type { ConfusionMatrix as _finetune_evaluator_v1_ConfusionMatrix, ConfusionMatrix__Output as _finetune_evaluator_v1_ConfusionMatrix__Output } from '../../../finetune/evaluator/v1/ConfusionMatrix';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * The evaluation of one checkpoint on one split.
 */
export interface Evaluation {
  /**
   * Identifier the evaluator assigned.
   */
  'evaluation_id'?: (string);
  /**
   * Training job that wrote the checkpoint; empty if not known.
   */
  'job_id'?: (string);
  /**
   * Train directory holding the checkpoint.
   */
  'train_dir'?: (string);
  /**
   * Checkpoint evaluated, as a path prefix (`.../model.ckpt-1000`).
   */
  'checkpoint_path'?: (string);
  /**
   * Global step of the checkpoint.
   */
  'step'?: (number | string | Long);
  /**
   * The network evaluated, e.g. `inception_v3`.
   */
  'model_name'?: (string);
  /**
   * Directory of the dataset evaluated on.
   */
  'dataset_dir'?: (string);
  /**
   * Split evaluated on, e.g. `validation`.
   */
  'dataset_split_name'?: (string);
  /**
   * Whether this call computed the numbers.
   */
  'status'?: (_finetune_evaluator_v1_EvaluationStatus);
  /**
   * Why nothing was computed; empty unless status is SKIPPED.
   */
  'skip_reason'?: (string);
  /**
   * Accuracy, recall@k, loss and example count.
   */
  'metrics'?: (_finetune_common_v1_EvaluationMetrics | null);
  /**
   * Precision and recall of every class, by label.
   */
  'per_class'?: (_finetune_evaluator_v1_ClassMetrics)[];
  /**
   * True against predicted labels.
   */
  'confusion_matrix'?: (_finetune_evaluator_v1_ConfusionMatrix | null);
  /**
   * When the numbers were computed (for SKIPPED, when the stored evaluation was made).
   */
  'evaluated_at'?: (_google_protobuf_Timestamp | null);
  /**
   * Wall-clock time the evaluation took, in seconds.
   */
  'duration_secs'?: (number | string);
  /**
   * The request's `moving_average_decay` when the checkpoint's moving averages were evaluated; absent: its
   * variables.
   */
  'moving_average_decay'?: (number | string);
  '_moving_average_decay'?: "moving_average_decay";
}

/**
 * The evaluation of one checkpoint on one split.
 */
export interface Evaluation__Output {
  /**
   * Identifier the evaluator assigned.
   */
  'evaluation_id': (string);
  /**
   * Training job that wrote the checkpoint; empty if not known.
   */
  'job_id': (string);
  /**
   * Train directory holding the checkpoint.
   */
  'train_dir': (string);
  /**
   * Checkpoint evaluated, as a path prefix (`.../model.ckpt-1000`).
   */
  'checkpoint_path': (string);
  /**
   * Global step of the checkpoint.
   */
  'step': (string);
  /**
   * The network evaluated, e.g. `inception_v3`.
   */
  'model_name': (string);
  /**
   * Directory of the dataset evaluated on.
   */
  'dataset_dir': (string);
  /**
   * Split evaluated on, e.g. `validation`.
   */
  'dataset_split_name': (string);
  /**
   * Whether this call computed the numbers.
   */
  'status': (_finetune_evaluator_v1_EvaluationStatus__Output);
  /**
   * Why nothing was computed; empty unless status is SKIPPED.
   */
  'skip_reason': (string);
  /**
   * Accuracy, recall@k, loss and example count.
   */
  'metrics': (_finetune_common_v1_EvaluationMetrics__Output | null);
  /**
   * Precision and recall of every class, by label.
   */
  'per_class': (_finetune_evaluator_v1_ClassMetrics__Output)[];
  /**
   * True against predicted labels.
   */
  'confusion_matrix': (_finetune_evaluator_v1_ConfusionMatrix__Output | null);
  /**
   * When the numbers were computed (for SKIPPED, when the stored evaluation was made).
   */
  'evaluated_at': (_google_protobuf_Timestamp__Output | null);
  /**
   * Wall-clock time the evaluation took, in seconds.
   */
  'duration_secs': (number);
  /**
   * The request's `moving_average_decay` when the checkpoint's moving averages were evaluated; absent: its
   * variables.
   */
  'moving_average_decay'?: (number);
  '_moving_average_decay'?: "moving_average_decay";
}
