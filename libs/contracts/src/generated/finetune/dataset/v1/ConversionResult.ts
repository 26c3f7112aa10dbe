// Original file: proto/finetune/dataset/v1/dataset.proto

import type { DatasetManifest as _finetune_dataset_v1_DatasetManifest, DatasetManifest__Output as _finetune_dataset_v1_DatasetManifest__Output } from '../../../finetune/dataset/v1/DatasetManifest';
import type { SkippedImage as _finetune_dataset_v1_SkippedImage, SkippedImage__Output as _finetune_dataset_v1_SkippedImage__Output } from '../../../finetune/dataset/v1/SkippedImage';

/**
 * Outcome of a finished conversion.
 */
export interface ConversionResult {
  /**
   * Manifest of the dataset just written.
   */
  'manifest'?: (_finetune_dataset_v1_DatasetManifest | null);
  /**
   * Files left out because skip_invalid was set, with the reason for each.
   */
  'skipped_images'?: (_finetune_dataset_v1_SkippedImage)[];
  /**
   * Wall-clock time the conversion took, in seconds.
   */
  'elapsed_secs'?: (number | string);
}

/**
 * Outcome of a finished conversion.
 */
export interface ConversionResult__Output {
  /**
   * Manifest of the dataset just written.
   */
  'manifest': (_finetune_dataset_v1_DatasetManifest__Output | null);
  /**
   * Files left out because skip_invalid was set, with the reason for each.
   */
  'skipped_images': (_finetune_dataset_v1_SkippedImage__Output)[];
  /**
   * Wall-clock time the conversion took, in seconds.
   */
  'elapsed_secs': (number);
}
