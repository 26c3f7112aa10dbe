// Original file: proto/finetune/exporter/v1/exporter.proto

import type { CheckpointSelector as _finetune_exporter_v1_CheckpointSelector, CheckpointSelector__Output as _finetune_exporter_v1_CheckpointSelector__Output } from '../../../finetune/exporter/v1/CheckpointSelector';
import type { Long } from '@grpc/proto-loader';

/**
 * What to export and where. A scalar left at zero means the default named in its comment.
 */
export interface ExportRequest {
  /**
   * Train directory holding the checkpoints.
   */
  'train_dir'?: (string);
  /**
   * Training job that wrote them; needed for BEST_ACCURACY (evaluations are found by job), recorded
   * on the artifact otherwise.
   */
  'job_id'?: (string);
  /**
   * How the checkpoint is chosen.
   */
  'selector'?: (_finetune_exporter_v1_CheckpointSelector);
  /**
   * Global step of the checkpoint when selector is STEP; ignored otherwise.
   */
  'step'?: (number | string | Long);
  /**
   * The network the checkpoint belongs to (as `--model_name`), e.g. `inception_v3`.
   */
  'model_name'?: (string);
  /**
   * Directory of the converted dataset; its `label.txt` becomes the model's labels.
   */
  'dataset_dir'?: (string);
  /**
   * Side of the square input in pixels (as the reference export's `--image_size`); 0 means the size
   * the checkpoint was trained at (its sidecar), else the network's default size.
   */
  'image_size'?: (number);
  /**
   * Root of the model repository; the artifact goes to `<output_directory>/<served_model_name>/<version>`.
   */
  'output_directory'?: (string);
  /**
   * Name the model is served under and that ClassifyRequest.served_model_name selects, e.g. `flowers`;
   * empty: the dataset's name from dataset_dir's manifest, else model_name.
   */
  'served_model_name'?: (string);
  /**
   * Preprocessing the served model applies (`inception`, `vgg`); empty: the one the checkpoint was
   * trained with, else the network's own.
   */
  'preprocessing_name'?: (string);
  /**
   * File of labels, one a line, line i naming logit i; empty: the checkpoint's labels, else
   * dataset_dir's `label.txt`.
   */
  'labels_file'?: (string);
  /**
   * What transparent pixels are composited on, `#rrggbb`, `white` or `black`; empty: what the
   * checkpoint was trained with, else white.
   */
  'alpha_background'?: (string);
  /**
   * `--moving_average_decay`: the decay the checkpoint was trained with, in (0, 1); set, the exported weights
   * are its moving averages (`<var>/ExponentialMovingAverage`, a variable without one as it is) and a
   * checkpoint with none is INVALID_ARGUMENT. Absent means the variables themselves, as in the reference.
   */
  'moving_average_decay'?: (number | string);
  '_moving_average_decay'?: "moving_average_decay";
}

/**
 * What to export and where. A scalar left at zero means the default named in its comment.
 */
export interface ExportRequest__Output {
  /**
   * Train directory holding the checkpoints.
   */
  'train_dir': (string);
  /**
   * Training job that wrote them; needed for BEST_ACCURACY (evaluations are found by job), recorded
   * on the artifact otherwise.
   */
  'job_id': (string);
  /**
   * How the checkpoint is chosen.
   */
  'selector': (_finetune_exporter_v1_CheckpointSelector__Output);
  /**
   * Global step of the checkpoint when selector is STEP; ignored otherwise.
   */
  'step': (string);
  /**
   * The network the checkpoint belongs to (as `--model_name`), e.g. `inception_v3`.
   */
  'model_name': (string);
  /**
   * Directory of the converted dataset; its `label.txt` becomes the model's labels.
   */
  'dataset_dir': (string);
  /**
   * Side of the square input in pixels (as the reference export's `--image_size`); 0 means the size
   * the checkpoint was trained at (its sidecar), else the network's default size.
   */
  'image_size': (number);
  /**
   * Root of the model repository; the artifact goes to `<output_directory>/<served_model_name>/<version>`.
   */
  'output_directory': (string);
  /**
   * Name the model is served under and that ClassifyRequest.served_model_name selects, e.g. `flowers`;
   * empty: the dataset's name from dataset_dir's manifest, else model_name.
   */
  'served_model_name': (string);
  /**
   * Preprocessing the served model applies (`inception`, `vgg`); empty: the one the checkpoint was
   * trained with, else the network's own.
   */
  'preprocessing_name': (string);
  /**
   * File of labels, one a line, line i naming logit i; empty: the checkpoint's labels, else
   * dataset_dir's `label.txt`.
   */
  'labels_file': (string);
  /**
   * What transparent pixels are composited on, `#rrggbb`, `white` or `black`; empty: what the
   * checkpoint was trained with, else white.
   */
  'alpha_background': (string);
  /**
   * `--moving_average_decay`: the decay the checkpoint was trained with, in (0, 1); set, the exported weights
   * are its moving averages (`<var>/ExponentialMovingAverage`, a variable without one as it is) and a
   * checkpoint with none is INVALID_ARGUMENT. Absent means the variables themselves, as in the reference.
   */
  'moving_average_decay'?: (number);
  '_moving_average_decay'?: "moving_average_decay";
}
