// Original file: proto/finetune/events/v1/events.proto

import type { Checkpoint as _finetune_common_v1_Checkpoint, Checkpoint__Output as _finetune_common_v1_Checkpoint__Output } from '../../../finetune/common/v1/Checkpoint';

/**
 * The trainer saved a checkpoint; the evaluator evaluates each one once.
 * Subject: `finetune.events.checkpoint.saved`.
 */
export interface CheckpointSaved {
  /**
   * Training job that saved it.
   */
  'job_id'?: (string);
  /**
   * The job's train directory.
   */
  'train_dir'?: (string);
  /**
   * The checkpoint: path prefix, step and time it was saved.
   */
  'checkpoint'?: (_finetune_common_v1_Checkpoint | null);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name'?: (string);
  /**
   * Name of the dataset trained on, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * Directory of the dataset trained on; the evaluator uses its validation split.
   */
  'dataset_dir'?: (string);
  /**
   * Side of the square training input in pixels, so evaluation can use the same size.
   */
  'train_image_size'?: (number);
  /**
   * Labels offset used in training, so evaluation can use the same one.
   */
  'labels_offset'?: (number);
}

/**
 * The trainer saved a checkpoint; the evaluator evaluates each one once.
 * Subject: `finetune.events.checkpoint.saved`.
 */
export interface CheckpointSaved__Output {
  /**
   * Training job that saved it.
   */
  'job_id': (string);
  /**
   * The job's train directory.
   */
  'train_dir': (string);
  /**
   * The checkpoint: path prefix, step and time it was saved.
   */
  'checkpoint': (_finetune_common_v1_Checkpoint__Output | null);
  /**
   * The network, e.g. `inception_v3`.
   */
  'model_name': (string);
  /**
   * Name of the dataset trained on, e.g. `flowers`.
   */
  'dataset_name': (string);
  /**
   * Directory of the dataset trained on; the evaluator uses its validation split.
   */
  'dataset_dir': (string);
  /**
   * Side of the square training input in pixels, so evaluation can use the same size.
   */
  'train_image_size': (number);
  /**
   * Labels offset used in training, so evaluation can use the same one.
   */
  'labels_offset': (number);
}
