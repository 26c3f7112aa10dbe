// Original file: proto/finetune/exporter/v1/exporter.proto

import type { InputSpec as _finetune_common_v1_InputSpec, InputSpec__Output as _finetune_common_v1_InputSpec__Output } from '../../../finetune/common/v1/InputSpec';
import type { Checkpoint as _finetune_common_v1_Checkpoint, Checkpoint__Output as _finetune_common_v1_Checkpoint__Output } from '../../../finetune/common/v1/Checkpoint';
import type { EvaluationMetrics as _finetune_common_v1_EvaluationMetrics, EvaluationMetrics__Output as _finetune_common_v1_EvaluationMetrics__Output } from '../../../finetune/common/v1/EvaluationMetrics';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * One version of a served model, as written to the model repository.
 */
export interface ExportedModel {
  /**
   * Name the model is served under, e.g. `flowers`.
   */
  'name'?: (string);
  /**
   * Version, counting from 1; each export of a name adds the next one.
   */
  'version'?: (number | string | Long);
  /**
   * Directory of the artifact.
   */
  'path'?: (string);
  /**
   * SHA-256 checksum of the artifact's contents as 64 lowercase hex digits; the inference service
   * verifies it before loading a version.
   */
  'sha256'?: (string);
  /**
   * Total size of the artifact's files in bytes.
   */
  'size_bytes'?: (number | string | Long);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name'?: (string);
  /**
   * Input size and preprocessing the model expects.
   */
  'input'?: (_finetune_common_v1_InputSpec | null);
  /**
   * Class names by output index: labels[i] is the class of logit i.
   */
  'labels'?: (string)[];
  /**
   * Training job that wrote the checkpoint; empty if not known.
   */
  'job_id'?: (string);
  /**
   * Checkpoint the weights were taken from.
   */
  'source_checkpoint'?: (_finetune_common_v1_Checkpoint | null);
  /**
   * The evaluator's metrics of that checkpoint; unset if it was never evaluated, or only on other weights than
   * these (its variables against its moving averages).
   */
  'metrics'?: (_finetune_common_v1_EvaluationMetrics | null);
  /**
   * When the export finished.
   */
  'exported_at'?: (_google_protobuf_Timestamp | null);
  /**
   * Set when the weights are the checkpoint's moving averages: the `--moving_average_decay` recorded (asked for, or
   * that of the evaluation best-by-accuracy chose it by); unset: its variables.
   */
  'moving_average_decay'?: (number | string);
  '_moving_average_decay'?: "moving_average_decay";
}

/**
 * One version of a served model, as written to the model repository.
 */
export interface ExportedModel__Output {
  /**
   * Name the model is served under, e.g. `flowers`.
   */
  'name': (string);
  /**
   * Version, counting from 1; each export of a name adds the next one.
   */
  'version': (string);
  /**
   * Directory of the artifact.
   */
  'path': (string);
  /**
   * SHA-256 checksum of the artifact's contents as 64 lowercase hex digits; the inference service
   * verifies it before loading a version.
   */
  'sha256': (string);
  /**
   * Total size of the artifact's files in bytes.
   */
  'size_bytes': (string);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name': (string);
  /**
   * Input size and preprocessing the model expects.
   */
  'input': (_finetune_common_v1_InputSpec__Output | null);
  /**
   * Class names by output index: labels[i] is the class of logit i.
   */
  'labels': (string)[];
  /**
   * Training job that wrote the checkpoint; empty if not known.
   */
  'job_id': (string);
  /**
   * Checkpoint the weights were taken from.
   */
  'source_checkpoint': (_finetune_common_v1_Checkpoint__Output | null);
  /**
   * The evaluator's metrics of that checkpoint; unset if it was never evaluated, or only on other weights than
   * these (its variables against its moving averages).
   */
  'metrics': (_finetune_common_v1_EvaluationMetrics__Output | null);
  /**
   * When the export finished.
   */
  'exported_at': (_google_protobuf_Timestamp__Output | null);
  /**
   * Set when the weights are the checkpoint's moving averages: the `--moving_average_decay` recorded (asked for, or
   * that of the evaluation best-by-accuracy chose it by); unset: its variables.
   */
  'moving_average_decay'?: (number);
  '_moving_average_decay'?: "moving_average_decay";
}
