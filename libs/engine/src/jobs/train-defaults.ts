// The defaults of the training flags, as train_image_classifier.py has them; each is the `default` of its row in TRAIN_FLAGS.
import type { SplitName } from '@finetune/datasets';
import type { OptimizerName } from '../optimizers/optimizer';
import type { ScheduleName } from '../schedules/learning-rate-schedule';
import type { FrozenBatchNorm } from '../training/split-plan';

/** --model_name default of the reference. */
export const MODEL_NAME = 'inception_v3';
/** --dataset_split_name default. */
export const DATASET_SPLIT_NAME: SplitName = 'train';
/** --labels_offset default: labels as the dataset has them. */
export const LABELS_OFFSET = 0;
/** --ignore_missing_vars default: a variable the checkpoint lacks is an error. */
export const IGNORE_MISSING_VARS = false;
/** --max_number_of_steps default: 0, no limit (the reference's None). */
export const MAX_NUMBER_OF_STEPS = 0;
/** --batch_size default: examples per step. */
export const BATCH_SIZE = 32;
/** --label_smoothing default: one-hot labels. */
export const LABEL_SMOOTHING = 0;
/** --save_interval_secs default, in seconds. */
export const SAVE_INTERVAL_SECS = 600;
/** --save_summaries_secs default, in seconds. */
export const SAVE_SUMMARIES_SECS = 600;
/** --log_every_n_steps default. */
export const LOG_EVERY_N_STEPS = 10;
/** --num_preprocessing_threads default (the reference's value). */
export const NUM_PREPROCESSING_THREADS = 4;
/** --optimizer default. */
export const OPTIMIZER: OptimizerName = 'adam';
/**
 * --learning_rate_decay_type default: fixed, as the reference's own fine-tuning commands pass it. Its built-in
 * exponential default (0.94 every 2 epochs) is for training from scratch; it left a 60-epoch head at a sixth of its rate.
 */
export const LEARNING_RATE_DECAY_TYPE: ScheduleName = 'fixed';
/** --frozen_batch_norm default: frozen layers use their moving statistics, as the Keras fine-tuning guide advises. */
export const FROZEN_BATCH_NORM: FrozenBatchNorm = 'inference';
/** --trained_batch_norm default: see TrainedBatchNorm; chosen by the quality bench. */
export const TRAINED_BATCH_NORM: FrozenBatchNorm = 'inference';
/**
 * --augmented_views default: with augmentation, a head-only (or deeper-only) run caches the frozen part's features
 * of this many augmented views of each image and cycles through them. Chosen by the quality bench.
 */
export const AUGMENTED_VIEWS = 4;
/** --keep_checkpoint_max default, tf.train.Saver's max_to_keep: the newest 5 checkpoints are kept (and the best evaluated). */
export const KEEP_CHECKPOINT_MAX = 5;
/** `--checkpoint_path` value that starts from random initialisation, as the reference does without the flag. */
export const FROM_SCRATCH = 'none';
/** The smallest --train_image_size, in pixels. */
export const MIN_TRAIN_IMAGE_SIZE = 32;

export const SPLIT_CHOICES: readonly SplitName[] = ['train', 'validation'];
export const FROZEN_BATCH_NORM_CHOICES: readonly FrozenBatchNorm[] = ['inference', 'batch-statistics'];
