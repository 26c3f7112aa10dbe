// Original file: proto/finetune/exporter/v1/exporter.proto

import type { ExportedModel as _finetune_exporter_v1_ExportedModel, ExportedModel__Output as _finetune_exporter_v1_ExportedModel__Output } from '../../../finetune/exporter/v1/ExportedModel';

/**
 * Result of an Export call.
 */
export interface ExportResponse {
  /**
   * The artifact just written.
   */
  'model'?: (_finetune_exporter_v1_ExportedModel | null);
}

/**
 * Result of an Export call.
 */
export interface ExportResponse__Output {
  /**
   * The artifact just written.
   */
  'model': (_finetune_exporter_v1_ExportedModel__Output | null);
}
