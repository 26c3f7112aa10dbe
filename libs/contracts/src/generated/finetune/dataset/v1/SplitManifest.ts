// Original file: proto/finetune/dataset/v1/dataset.proto

import type { ShardManifest as _finetune_dataset_v1_ShardManifest, ShardManifest__Output as _finetune_dataset_v1_ShardManifest__Output } from '../../../finetune/dataset/v1/ShardManifest';
import type { Long } from '@grpc/proto-loader';

/**
 * One split of a dataset: its size and its shard files.
 */
export interface SplitManifest {
  /**
   * Split name as `--dataset_split_name` spells it: `train` or `validation`.
   */
  'name'?: (string);
  /**
   * Number of examples (records) in the split.
   */
  'num_examples'?: (number | string | Long);
  /**
   * Number of examples of each label: num_examples_per_class[i] counts label i.
   */
  'num_examples_per_class'?: (number | string | Long)[];
  /**
   * The shard files in order, `..._00000-of-0000N.tfrecord` first.
   */
  'shards'?: (_finetune_dataset_v1_ShardManifest)[];
}

/**
 * One split of a dataset: its size and its shard files.
 */
export interface SplitManifest__Output {
  /**
   * Split name as `--dataset_split_name` spells it: `train` or `validation`.
   */
  'name': (string);
  /**
   * Number of examples (records) in the split.
   */
  'num_examples': (string);
  /**
   * Number of examples of each label: num_examples_per_class[i] counts label i.
   */
  'num_examples_per_class': (string)[];
  /**
   * The shard files in order, `..._00000-of-0000N.tfrecord` first.
   */
  'shards': (_finetune_dataset_v1_ShardManifest__Output)[];
}
