// Original file: proto/finetune/dataset/v1/dataset.proto

import type { DatasetManifest as _finetune_dataset_v1_DatasetManifest, DatasetManifest__Output as _finetune_dataset_v1_DatasetManifest__Output } from '../../../finetune/dataset/v1/DatasetManifest';

/**
 * Every known dataset.
 */
export interface ListDatasetsResponse {
  /**
   * Manifests sorted by dataset_name.
   */
  'datasets'?: (_finetune_dataset_v1_DatasetManifest)[];
}

/**
 * Every known dataset.
 */
export interface ListDatasetsResponse__Output {
  /**
   * Manifests sorted by dataset_name.
   */
  'datasets': (_finetune_dataset_v1_DatasetManifest__Output)[];
}
