// Original file: proto/finetune/dataset/v1/dataset.proto

import type { SplitManifest as _finetune_dataset_v1_SplitManifest, SplitManifest__Output as _finetune_dataset_v1_SplitManifest__Output } from '../../../finetune/dataset/v1/SplitManifest';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * Everything a trainer or evaluator needs to know about a converted dataset; written beside the
 * shards instead of the reference's hand-written dataset file.
 */
export interface DatasetManifest {
  /**
   * Name the shards are prefixed with, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * Directory holding the shards, `label.txt` and the manifest; what `--dataset_dir` points to.
   */
  'directory'?: (string);
  /**
   * Directory the images were read from (the common parent of the split directories, or the folder
   * that was split by ratio).
   */
  'source_directory'?: (string);
  /**
   * Class names by label: classes[i] is label i and line i of `label.txt`.
   */
  'classes'?: (string)[];
  /**
   * The splits, `train` first, then `validation`.
   */
  'splits'?: (_finetune_dataset_v1_SplitManifest)[];
  /**
   * When the conversion finished.
   */
  'created_at'?: (_google_protobuf_Timestamp | null);
}

/**
 * Everything a trainer or evaluator needs to know about a converted dataset; written beside the
 * shards instead of the reference's hand-written dataset file.
 */
export interface DatasetManifest__Output {
  /**
   * Name the shards are prefixed with, e.g. `flowers`.
   */
  'dataset_name': (string);
  /**
   * Directory holding the shards, `label.txt` and the manifest; what `--dataset_dir` points to.
   */
  'directory': (string);
  /**
   * Directory the images were read from (the common parent of the split directories, or the folder
   * that was split by ratio).
   */
  'source_directory': (string);
  /**
   * Class names by label: classes[i] is label i and line i of `label.txt`.
   */
  'classes': (string)[];
  /**
   * The splits, `train` first, then `validation`.
   */
  'splits': (_finetune_dataset_v1_SplitManifest__Output)[];
  /**
   * When the conversion finished.
   */
  'created_at': (_google_protobuf_Timestamp__Output | null);
}
