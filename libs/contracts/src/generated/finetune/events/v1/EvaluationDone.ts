// Original file: proto/finetune/events/v1/events.proto

import type { EvaluationMetrics as _finetune_common_v1_EvaluationMetrics, EvaluationMetrics__Output as _finetune_common_v1_EvaluationMetrics__Output } from '../../../finetune/common/v1/EvaluationMetrics';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * The evaluator finished evaluating a checkpoint. Subject: `finetune.events.evaluation.done`.
 */
export interface EvaluationDone {
  /**
   * Identifier of the stored evaluation (evaluator's Evaluation.evaluation_id).
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
   * Checkpoint evaluated, as a path prefix.
   */
  'checkpoint_path'?: (string);
  /**
   * Global step of the checkpoint.
   */
  'step'?: (number | string | Long);
  /**
   * The network, e.g. `inception_v3`.
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
   * Accuracy, recall@k with its k, loss and example count; per-class numbers and the confusion
   * matrix stay with the evaluator (ListEvaluations) to keep events small.
   */
  'metrics'?: (_finetune_common_v1_EvaluationMetrics | null);
  /**
   * When the evaluation finished.
   */
  'evaluated_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * The evaluator finished evaluating a checkpoint. Subject: `finetune.events.evaluation.done`.
 */
export interface EvaluationDone__Output {
  /**
   * Identifier of the stored evaluation (evaluator's Evaluation.evaluation_id).
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
   * Checkpoint evaluated, as a path prefix.
   */
  'checkpoint_path': (string);
  /**
   * Global step of the checkpoint.
   */
  'step': (string);
  /**
   * The network, e.g. `inception_v3`.
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
   * Accuracy, recall@k with its k, loss and example count; per-class numbers and the confusion
   * matrix stay with the evaluator (ListEvaluations) to keep events small.
   */
  'metrics': (_finetune_common_v1_EvaluationMetrics__Output | null);
  /**
   * When the evaluation finished.
   */
  'evaluated_at': (_google_protobuf_Timestamp__Output | null);
}
