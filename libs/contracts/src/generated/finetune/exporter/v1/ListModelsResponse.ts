// Original file: proto/finetune/exporter/v1/exporter.proto

import type { ExportedModel as _finetune_exporter_v1_ExportedModel, ExportedModel__Output as _finetune_exporter_v1_ExportedModel__Output } from '../../../finetune/exporter/v1/ExportedModel';

/**
 * The exported models that matched.
 */
export interface ListModelsResponse {
  /**
   * Models sorted by name, then by version, oldest first.
   */
  'models'?: (_finetune_exporter_v1_ExportedModel)[];
}

/**
 * The exported models that matched.
 */
export interface ListModelsResponse__Output {
  /**
   * Models sorted by name, then by version, oldest first.
   */
  'models': (_finetune_exporter_v1_ExportedModel__Output)[];
}
