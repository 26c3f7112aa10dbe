// Original file: proto/finetune/dataset/v1/dataset.proto

import type { DatasetManifest as _finetune_dataset_v1_DatasetManifest, DatasetManifest__Output as _finetune_dataset_v1_DatasetManifest__Output } from '../../../finetune/dataset/v1/DatasetManifest';

/**
 * The dataset asked for; a dataset that does not exist is a NOT_FOUND error instead.
 */
export interface GetDatasetResponse {
  /**
   * Its manifest.
   */
  'manifest'?: (_finetune_dataset_v1_DatasetManifest | null);
}

/**
 * The dataset asked for; a dataset that does not exist is a NOT_FOUND error instead.
 */
export interface GetDatasetResponse__Output {
  /**
   * Its manifest.
   */
  'manifest': (_finetune_dataset_v1_DatasetManifest__Output | null);
}
