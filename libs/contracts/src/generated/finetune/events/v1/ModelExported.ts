// Original file: proto/finetune/events/v1/events.proto

import type { Checkpoint as _finetune_common_v1_Checkpoint, Checkpoint__Output as _finetune_common_v1_Checkpoint__Output } from '../../../finetune/common/v1/Checkpoint';
import type { EvaluationMetrics as _finetune_common_v1_EvaluationMetrics, EvaluationMetrics__Output as _finetune_common_v1_EvaluationMetrics__Output } from '../../../finetune/common/v1/EvaluationMetrics';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * The exporter wrote a new model version; the inference service loads it.
 * Subject: `finetune.events.model.exported`.
 */
export interface ModelExported {
  /**
   * Served model name, e.g. `flowers`.
   */
  'name'?: (string);
  /**
   * The new version, counting from 1.
   */
  'version'?: (number | string | Long);
  /**
   * Directory of the artifact.
   */
  'path'?: (string);
  /**
   * SHA-256 checksum of the artifact as 64 lowercase hex digits, to verify before loading.
   */
  'sha256'?: (string);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name'?: (string);
  /**
   * Training job that wrote the checkpoint; empty if not known.
   */
  'job_id'?: (string);
  /**
   * Checkpoint the weights were taken from.
   */
  'source_checkpoint'?: (_finetune_common_v1_Checkpoint | null);
  /**
   * The evaluator's metrics of that checkpoint; unset if it was never evaluated.
   */
  'metrics'?: (_finetune_common_v1_EvaluationMetrics | null);
  /**
   * When the export finished.
   */
  'exported_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * The exporter wrote a new model version; the inference service loads it.
 * Subject: `finetune.events.model.exported`.
 */
export interface ModelExported__Output {
  /**
   * Served model name, e.g. `flowers`.
   */
  'name': (string);
  /**
   * The new version, counting from 1.
   */
  'version': (string);
  /**
   * Directory of the artifact.
   */
  'path': (string);
  /**
   * SHA-256 checksum of the artifact as 64 lowercase hex digits, to verify before loading.
   */
  'sha256': (string);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name': (string);
  /**
   * Training job that wrote the checkpoint; empty if not known.
   */
  'job_id': (string);
  /**
   * Checkpoint the weights were taken from.
   */
  'source_checkpoint': (_finetune_common_v1_Checkpoint__Output | null);
  /**
   * The evaluator's metrics of that checkpoint; unset if it was never evaluated.
   */
  'metrics': (_finetune_common_v1_EvaluationMetrics__Output | null);
  /**
   * When the export finished.
   */
  'exported_at': (_google_protobuf_Timestamp__Output | null);
}
