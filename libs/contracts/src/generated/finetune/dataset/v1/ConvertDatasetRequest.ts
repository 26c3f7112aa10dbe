// Original file: proto/finetune/dataset/v1/dataset.proto

import type { SplitDirectories as _finetune_dataset_v1_SplitDirectories, SplitDirectories__Output as _finetune_dataset_v1_SplitDirectories__Output } from '../../../finetune/dataset/v1/SplitDirectories';
import type { RatioSplit as _finetune_dataset_v1_RatioSplit, RatioSplit__Output as _finetune_dataset_v1_RatioSplit__Output } from '../../../finetune/dataset/v1/RatioSplit';

/**
 * Flags of the reference conversion script (`-t pic/ --train-shards 2 --validation-shards 2
 * --num-threads 2 --dataset-name flowers`), with the source layout made explicit.
 */
export interface ConvertDatasetRequest {
  /**
   * `train/<class>/*.jpg` and `validation/<class>/*.jpg` in two directories.
   */
  'split_directories'?: (_finetune_dataset_v1_SplitDirectories | null);
  /**
   * One `<class>/*.jpg` directory split into train and validation by a ratio.
   */
  'ratio_split'?: (_finetune_dataset_v1_RatioSplit | null);
  /**
   * Directory the shards, `label.txt` and the manifest are written to; created if missing.
   */
  'output_directory'?: (string);
  /**
   * Prefix of the shard file names and the name GetDataset finds the dataset by, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * Number of shards of the train split; 0 means the reference default, 2.
   */
  'train_shards'?: (number);
  /**
   * Number of shards of the validation split; 0 means the reference default, 2.
   */
  'validation_shards'?: (number);
  /**
   * Number of images decoded in parallel; 0 means the reference default, 2. Each shard is written by
   * one thread, so the shard counts must be multiples of it, as in the reference.
   */
  'num_threads'?: (number);
  /**
   * Skip files that are not decodable JPEG or PNG images (they are listed in the result) instead of
   * failing the whole conversion on the first one.
   */
  'skip_invalid'?: (boolean);
  /**
   * Replace an existing dataset in output_directory; without it an existing one is an ALREADY_EXISTS
   * error and nothing is touched.
   */
  'overwrite'?: (boolean);
  /**
   * Where the images come from: train and validation already separated, or one folder to split.
   */
  'source'?: "split_directories"|"ratio_split";
}

/**
 * Flags of the reference conversion script (`-t pic/ --train-shards 2 --validation-shards 2
 * --num-threads 2 --dataset-name flowers`), with the source layout made explicit.
 */
export interface ConvertDatasetRequest__Output {
  /**
   * `train/<class>/*.jpg` and `validation/<class>/*.jpg` in two directories.
   */
  'split_directories'?: (_finetune_dataset_v1_SplitDirectories__Output | null);
  /**
   * One `<class>/*.jpg` directory split into train and validation by a ratio.
   */
  'ratio_split'?: (_finetune_dataset_v1_RatioSplit__Output | null);
  /**
   * Directory the shards, `label.txt` and the manifest are written to; created if missing.
   */
  'output_directory': (string);
  /**
   * Prefix of the shard file names and the name GetDataset finds the dataset by, e.g. `flowers`.
   */
  'dataset_name': (string);
  /**
   * Number of shards of the train split; 0 means the reference default, 2.
   */
  'train_shards': (number);
  /**
   * Number of shards of the validation split; 0 means the reference default, 2.
   */
  'validation_shards': (number);
  /**
   * Number of images decoded in parallel; 0 means the reference default, 2. Each shard is written by
   * one thread, so the shard counts must be multiples of it, as in the reference.
   */
  'num_threads': (number);
  /**
   * Skip files that are not decodable JPEG or PNG images (they are listed in the result) instead of
   * failing the whole conversion on the first one.
   */
  'skip_invalid': (boolean);
  /**
   * Replace an existing dataset in output_directory; without it an existing one is an ALREADY_EXISTS
   * error and nothing is touched.
   */
  'overwrite': (boolean);
  /**
   * Where the images come from: train and validation already separated, or one folder to split.
   */
  'source'?: "split_directories"|"ratio_split";
}
