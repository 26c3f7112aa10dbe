// Original file: proto/finetune/evaluator/v1/evaluator.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The flags of eval_image_classifier, spelled as there, plus the job the checkpoint belongs to.
 * A scalar left at zero means the reference default named in its comment.
 */
export interface EvaluateRequest {
  /**
   * `--checkpoint_path` naming one checkpoint: the prefix of a V2 bundle (`.../model.ckpt-1000`)
   * or a V1 file.
   */
  'checkpoint_path'?: (string);
  /**
   * `--checkpoint_path` naming a directory: its newest checkpoint is evaluated.
   */
  'train_dir'?: (string);
  /**
   * Training job that wrote the checkpoint, recorded on the evaluation; may be empty.
   */
  'job_id'?: (string);
  /**
   * `--dataset_name`: name of the converted dataset, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * `--dataset_split_name`: split evaluated on; empty means `validation`.
   */
  'dataset_split_name'?: (string);
  /**
   * `--dataset_dir`: directory of the converted dataset's shards, `label.txt` and manifest.
   */
  'dataset_dir'?: (string);
  /**
   * `--labels_offset`: subtracted from dataset labels, as in training (the reference does `labels -= labels_offset`).
   */
  'labels_offset'?: (number);
  /**
   * `--model_name`: the network the checkpoint belongs to; empty means `inception_v3`.
   */
  'model_name'?: (string);
  /**
   * `--preprocessing_name`: preprocessing to use; empty means the network's own.
   */
  'preprocessing_name'?: (string);
  /**
   * `--eval_image_size`: side of the square input in pixels; 0 means the network's default size.
   */
  'eval_image_size'?: (number);
  /**
   * `--batch_size`: examples per batch; 0 means 100.
   */
  'batch_size'?: (number);
  /**
   * `--max_num_batches`: evaluate at most this many batches; 0 means the whole split once.
   */
  'max_num_batches'?: (number | string | Long);
  /**
   * k of recall@k; 0 means 5 (the reference's `Recall_5`). Clamped to the number of classes.
   */
  'recall_k'?: (number);
  /**
   * Evaluate even if this checkpoint already has an evaluation on this split, replacing it.
   */
  'reevaluate'?: (boolean);
  /**
   * `--alpha_background`: what transparent pixels are composited on, `#rrggbb`, `white` or `black`;
   * empty means what the checkpoint records, else white.
   */
  'alpha_background'?: (string);
  /**
   * `--moving_average_decay`: the decay the checkpoint was trained with, in (0, 1); set, each variable is read
   * from its moving average `<var>/ExponentialMovingAverage` where the checkpoint has one (a checkpoint with none
   * is INVALID_ARGUMENT). Absent means the variables themselves, as in the reference.
   */
  'moving_average_decay'?: (number | string);
  /**
   * Which checkpoint to evaluate.
   */
  'checkpoint'?: "checkpoint_path"|"train_dir";
  '_moving_average_decay'?: "moving_average_decay";
}

/**
 * The flags of eval_image_classifier, spelled as there, plus the job the checkpoint belongs to.
 * A scalar left at zero means the reference default named in its comment.
 */
export interface EvaluateRequest__Output {
  /**
   * `--checkpoint_path` naming one checkpoint: the prefix of a V2 bundle (`.../model.ckpt-1000`)
   * or a V1 file.
   */
  'checkpoint_path'?: (string);
  /**
   * `--checkpoint_path` naming a directory: its newest checkpoint is evaluated.
   */
  'train_dir'?: (string);
  /**
   * Training job that wrote the checkpoint, recorded on the evaluation; may be empty.
   */
  'job_id': (string);
  /**
   * `--dataset_name`: name of the converted dataset, e.g. `flowers`.
   */
  'dataset_name': (string);
  /**
   * `--dataset_split_name`: split evaluated on; empty means `validation`.
   */
  'dataset_split_name': (string);
  /**
   * `--dataset_dir`: directory of the converted dataset's shards, `label.txt` and manifest.
   */
  'dataset_dir': (string);
  /**
   * `--labels_offset`: subtracted from dataset labels, as in training (the reference does `labels -= labels_offset`).
   */
  'labels_offset': (number);
  /**
   * `--model_name`: the network the checkpoint belongs to; empty means `inception_v3`.
   */
  'model_name': (string);
  /**
   * `--preprocessing_name`: preprocessing to use; empty means the network's own.
   */
  'preprocessing_name': (string);
  /**
   * `--eval_image_size`: side of the square input in pixels; 0 means the network's default size.
   */
  'eval_image_size': (number);
  /**
   * `--batch_size`: examples per batch; 0 means 100.
   */
  'batch_size': (number);
  /**
   * `--max_num_batches`: evaluate at most this many batches; 0 means the whole split once.
   */
  'max_num_batches': (string);
  /**
   * k of recall@k; 0 means 5 (the reference's `Recall_5`). Clamped to the number of classes.
   */
  'recall_k': (number);
  /**
   * Evaluate even if this checkpoint already has an evaluation on this split, replacing it.
   */
  'reevaluate': (boolean);
  /**
   * `--alpha_background`: what transparent pixels are composited on, `#rrggbb`, `white` or `black`;
   * empty means what the checkpoint records, else white.
   */
  'alpha_background': (string);
  /**
   * `--moving_average_decay`: the decay the checkpoint was trained with, in (0, 1); set, each variable is read
   * from its moving average `<var>/ExponentialMovingAverage` where the checkpoint has one (a checkpoint with none
   * is INVALID_ARGUMENT). Absent means the variables themselves, as in the reference.
   */
  'moving_average_decay'?: (number);
  /**
   * Which checkpoint to evaluate.
   */
  'checkpoint'?: "checkpoint_path"|"train_dir";
  '_moving_average_decay'?: "moving_average_decay";
}
