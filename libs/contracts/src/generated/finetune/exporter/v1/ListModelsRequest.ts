// Original file: proto/finetune/exporter/v1/exporter.proto


/**
 * Filters for listing models; empty lists everything.
 */
export interface ListModelsRequest {
  /**
   * Only versions of this served model name.
   */
  'name'?: (string);
}

/**
 * Filters for listing models; empty lists everything.
 */
export interface ListModelsRequest__Output {
  /**
   * Only versions of this served model name.
   */
  'name': (string);
}
