// Original file: proto/finetune/dataset/v1/dataset.proto

import type { ConversionProgress as _finetune_dataset_v1_ConversionProgress, ConversionProgress__Output as _finetune_dataset_v1_ConversionProgress__Output } from '../../../finetune/dataset/v1/ConversionProgress';
import type { ConversionResult as _finetune_dataset_v1_ConversionResult, ConversionResult__Output as _finetune_dataset_v1_ConversionResult__Output } from '../../../finetune/dataset/v1/ConversionResult';

/**
 * One message of the ConvertDataset stream: progress while converting, then the result once.
 */
export interface ConvertDatasetResponse {
  /**
   * How far the conversion has come; sent periodically while converting.
   */
  'progress'?: (_finetune_dataset_v1_ConversionProgress | null);
  /**
   * The finished dataset; always the last message of a successful stream.
   */
  'result'?: (_finetune_dataset_v1_ConversionResult | null);
  /**
   * What this message reports.
   */
  'update'?: "progress"|"result";
}

/**
 * One message of the ConvertDataset stream: progress while converting, then the result once.
 */
export interface ConvertDatasetResponse__Output {
  /**
   * How far the conversion has come; sent periodically while converting.
   */
  'progress'?: (_finetune_dataset_v1_ConversionProgress__Output | null);
  /**
   * The finished dataset; always the last message of a successful stream.
   */
  'result'?: (_finetune_dataset_v1_ConversionResult__Output | null);
  /**
   * What this message reports.
   */
  'update'?: "progress"|"result";
}
