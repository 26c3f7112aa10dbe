// Original file: proto/finetune/trainer/v1/trainer.proto

import type { LearningRateDecayType as _finetune_trainer_v1_LearningRateDecayType, LearningRateDecayType__Output as _finetune_trainer_v1_LearningRateDecayType__Output } from '../../../finetune/trainer/v1/LearningRateDecayType';
import type { Optimizer as _finetune_trainer_v1_Optimizer, Optimizer__Output as _finetune_trainer_v1_Optimizer__Output } from '../../../finetune/trainer/v1/Optimizer';
import type { BatchNormMode as _finetune_trainer_v1_BatchNormMode, BatchNormMode__Output as _finetune_trainer_v1_BatchNormMode__Output } from '../../../finetune/trainer/v1/BatchNormMode';
import type { ClassWeights as _finetune_trainer_v1_ClassWeights, ClassWeights__Output as _finetune_trainer_v1_ClassWeights__Output } from '../../../finetune/trainer/v1/ClassWeights';
import type { Long } from '@grpc/proto-loader';

/**
 * Everything a training job is started with: the flags of train_image_classifier, spelled as there.
 * A scalar left at zero means the reference default; fields whose zero is a meaningful value different
 * from the default are `optional`, and absent means the default. The defaults, ranges and choices are
 * written once, in the engine's TRAIN_FLAGS table, and listed by `finetune train --help`.
 */
export interface TrainingConfig {
  /**
   * `--train_dir`: where checkpoints and summaries are written. If it already holds a checkpoint,
   * training continues from the newest one instead of checkpoint_path.
   */
  'train_dir'?: (string);
  /**
   * `--dataset_name`: name of the converted dataset, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * `--dataset_split_name`: split trained on; empty means the default.
   */
  'dataset_split_name'?: (string);
  /**
   * `--dataset_dir`: directory of the converted dataset's shards, `label.txt` and manifest.
   */
  'dataset_dir'?: (string);
  /**
   * `--labels_offset`: subtracted from dataset labels (the reference does `labels -= labels_offset`), e.g. 1 when the
   * dataset counts a background class the network does not have.
   */
  'labels_offset'?: (number);
  /**
   * `--model_name`: the network, e.g. `inception_v3`, `mobilenet_v2`, `resnet_v1_50`, `vgg_16`;
   * empty means the default.
   */
  'model_name'?: (string);
  /**
   * `--preprocessing_name`: preprocessing to use; empty means the network's own.
   */
  'preprocessing_name'?: (string);
  /**
   * `--train_image_size`: side of the square input in pixels; 0 means the network's default size.
   */
  'train_image_size'?: (number);
  /**
   * `--checkpoint_path`: pretrained checkpoint (prefix of a V2 bundle, a V1 file, or a directory
   * whose newest checkpoint is used); empty means the embedded pretrained weights of model_name.
   */
  'checkpoint_path'?: (string);
  /**
   * `--checkpoint_exclude_scopes`: scopes not restored from checkpoint_path, one per entry (the
   * reference takes them comma-separated), e.g. `InceptionV3/Logits`, `InceptionV3/AuxLogits`.
   */
  'checkpoint_exclude_scopes'?: (string)[];
  /**
   * `--trainable_scopes`: scopes whose variables are trained, one per entry; empty trains everything.
   * A scope that matches no variable is an INVALID_ARGUMENT error.
   */
  'trainable_scopes'?: (string)[];
  /**
   * `--ignore_missing_vars`: restore what checkpoint_path has and leave missing variables at their
   * initial values instead of failing.
   */
  'ignore_missing_vars'?: (boolean);
  /**
   * `--max_number_of_steps`: the job succeeds at this global step; 0 means no limit (the reference's
   * None), so the job runs until stopped.
   */
  'max_number_of_steps'?: (number | string | Long);
  /**
   * `--batch_size`: examples per step; 0 means the default.
   */
  'batch_size'?: (number);
  /**
   * `--learning_rate`: initial learning rate; 0 means the default: 0.01 where only new layers train (a new
   * head, or from scratch), 0.00001 once pretrained layers train too.
   */
  'learning_rate'?: (number | string);
  /**
   * `--learning_rate_decay_type`.
   */
  'learning_rate_decay_type'?: (_finetune_trainer_v1_LearningRateDecayType);
  /**
   * `--learning_rate_decay_factor`: factor of the exponential decay; 0 means the default.
   */
  'learning_rate_decay_factor'?: (number | string);
  /**
   * `--num_epochs_per_decay`: epochs between exponential decays, or of the polynomial decay;
   * 0 means the default.
   */
  'num_epochs_per_decay'?: (number | string);
  /**
   * `--end_learning_rate`: where polynomial and cosine decay end; absent means each one's default
   * (0.0001 for polynomial, as the reference; 0 for cosine).
   */
  'end_learning_rate'?: (number | string);
  /**
   * `--label_smoothing`: weight of the uniform distribution mixed into the one-hot labels, in [0, 1).
   */
  'label_smoothing'?: (number | string);
  /**
   * `--moving_average_decay`: decay, in (0, 1), of the exponential moving average of the trained variables
   * (and the batch-norm statistics training updates), num_updates the global step as in the reference; the
   * averages are saved beside the variables as `<var>/ExponentialMovingAverage` and continued on resume.
   * Absent means no moving average, as in the reference.
   */
  'moving_average_decay'?: (number | string);
  /**
   * `--optimizer`.
   */
  'optimizer'?: (_finetune_trainer_v1_Optimizer);
  /**
   * `--opt_epsilon`: epsilon of adadelta, adam and rmsprop; 0 means the default, the
   * reference's value (far above Keras's 1e-7).
   */
  'opt_epsilon'?: (number | string);
  /**
   * `--adadelta_rho`: decay rate of adadelta; absent means the default.
   */
  'adadelta_rho'?: (number | string);
  /**
   * `--adagrad_initial_accumulator_value`: starting accumulator of adagrad; 0 means the default.
   */
  'adagrad_initial_accumulator_value'?: (number | string);
  /**
   * `--adam_beta1`: decay of adam's first moment; absent means the default.
   */
  'adam_beta1'?: (number | string);
  /**
   * `--adam_beta2`: decay of adam's second moment; absent means the default.
   */
  'adam_beta2'?: (number | string);
  /**
   * `--ftrl_learning_rate_power`: learning-rate power of ftrl, at most 0; absent means the default.
   */
  'ftrl_learning_rate_power'?: (number | string);
  /**
   * `--ftrl_initial_accumulator_value`: starting accumulator of ftrl; 0 means the default.
   */
  'ftrl_initial_accumulator_value'?: (number | string);
  /**
   * `--ftrl_l1`: L1 regularisation strength of ftrl; 0 means the default.
   */
  'ftrl_l1'?: (number | string);
  /**
   * `--ftrl_l2`: L2 regularisation strength of ftrl; 0 means the default.
   */
  'ftrl_l2'?: (number | string);
  /**
   * `--momentum`: momentum of the momentum optimizer; absent means the default.
   */
  'momentum'?: (number | string);
  /**
   * `--rmsprop_decay`: decay of rmsprop's mean square; absent means the default.
   */
  'rmsprop_decay'?: (number | string);
  /**
   * `--rmsprop_momentum`: momentum of rmsprop; absent means the default.
   */
  'rmsprop_momentum'?: (number | string);
  /**
   * `--weight_decay`: L2 regularisation of the network's weights; absent means the default.
   */
  'weight_decay'?: (number | string);
  /**
   * How batch normalisation runs in layers outside trainable_scopes (no reference flag).
   */
  'frozen_batch_norm_mode'?: (_finetune_trainer_v1_BatchNormMode);
  /**
   * `--save_interval_secs`: seconds between checkpoint saves; 0 means the default. Step 0 is saved at the
   * start; keep_checkpoint_max says how many are kept.
   */
  'save_interval_secs'?: (number);
  /**
   * `--save_summaries_secs`: seconds between metric summaries (loss, learning rate); 0 means the default.
   */
  'save_summaries_secs'?: (number);
  /**
   * `--log_every_n_steps`: steps between progress reports (log line, JobProgress event); 0 means the default.
   */
  'log_every_n_steps'?: (number);
  /**
   * `--num_preprocessing_threads`: images decoded and augmented in parallel; 0 means the default.
   */
  'num_preprocessing_threads'?: (number);
  /**
   * MobileNet width (`depth_multiplier`, 0.25–1.4); absent means the default. Other nets take none.
   */
  'depth_multiplier'?: (number | string);
  /**
   * Whether training images get the random crop, flip and colour changes of the train preprocessing;
   * absent: on where pretrained layers train (as the reference), off where only new layers train on a
   * frozen pretrained backbone (a head, whose frozen features are then computed once and cached).
   */
  'augment'?: (boolean);
  /**
   * Seed of shard order, shuffling and augmentation; absent means a fresh one per job.
   */
  'seed'?: (number);
  /**
   * `--warmup_steps`: steps over which the learning rate rises linearly from 0 to learning_rate before the
   * decay type's schedule starts (its steps count from there); 0 means no warmup.
   */
  'warmup_steps'?: (number);
  /**
   * `--class_weights`: per-class weights of the cross-entropy, for imbalanced class folders.
   */
  'class_weights'?: (_finetune_trainer_v1_ClassWeights);
  /**
   * `--keep_checkpoint_max`: newest checkpoints kept in train_dir (tf.train.Saver's max_to_keep); the best by
   * evaluation accuracy in train_dir/eval is never pruned. 0 means the default.
   */
  'keep_checkpoint_max'?: (number);
  /**
   * How batch normalisation runs in layers inside trainable_scopes (no reference flag): INFERENCE keeps
   * the restored moving statistics while gamma and beta train; BATCH_STATISTICS is the reference's.
   */
  'trained_batch_norm_mode'?: (_finetune_trainer_v1_BatchNormMode);
  /**
   * Two stages in one job (no reference flag): the first fine_tune_after_steps steps train
   * trainable_scopes (the head, from the feature cache), the rest fine_tune_trainable_scopes at
   * fine_tune_learning_rate. Absent: one stage.
   */
  'fine_tune_after_steps'?: (number | string | Long);
  /**
   * Scopes trained in the second stage, one per entry; empty trains everything.
   */
  'fine_tune_trainable_scopes'?: (string)[];
  /**
   * Learning rate of the second stage; absent means the default (0.00001 when it trains pretrained layers).
   */
  'fine_tune_learning_rate'?: (number | string);
  /**
   * `--alpha_background`: what transparent pixels are composited on, `#rrggbb` (or `white`, `black`);
   * empty means what the starting checkpoint records, else white. Recorded in each checkpoint.
   */
  'alpha_background'?: (string);
  /**
   * `--augmented_views` (no reference flag): with augment, head-only and deeper-only training caches the
   * frozen part's features of this many augmented views of each image, epoch e training on view e mod N;
   * 0 caches nothing and augments every step afresh. Absent means the default (4).
   */
  'augmented_views'?: (number);
  '_end_learning_rate'?: "end_learning_rate";
  '_moving_average_decay'?: "moving_average_decay";
  '_adadelta_rho'?: "adadelta_rho";
  '_adam_beta1'?: "adam_beta1";
  '_adam_beta2'?: "adam_beta2";
  '_ftrl_learning_rate_power'?: "ftrl_learning_rate_power";
  '_momentum'?: "momentum";
  '_rmsprop_decay'?: "rmsprop_decay";
  '_rmsprop_momentum'?: "rmsprop_momentum";
  '_weight_decay'?: "weight_decay";
  '_depth_multiplier'?: "depth_multiplier";
  '_augment'?: "augment";
  '_seed'?: "seed";
  '_fine_tune_after_steps'?: "fine_tune_after_steps";
  '_fine_tune_learning_rate'?: "fine_tune_learning_rate";
  '_augmented_views'?: "augmented_views";
}

/**
 * Everything a training job is started with: the flags of train_image_classifier, spelled as there.
 * A scalar left at zero means the reference default; fields whose zero is a meaningful value different
 * from the default are `optional`, and absent means the default. The defaults, ranges and choices are
 * written once, in the engine's TRAIN_FLAGS table, and listed by `finetune train --help`.
 */
export interface TrainingConfig__Output {
  /**
   * `--train_dir`: where checkpoints and summaries are written. If it already holds a checkpoint,
   * training continues from the newest one instead of checkpoint_path.
   */
  'train_dir': (string);
  /**
   * `--dataset_name`: name of the converted dataset, e.g. `flowers`.
   */
  'dataset_name': (string);
  /**
   * `--dataset_split_name`: split trained on; empty means the default.
   */
  'dataset_split_name': (string);
  /**
   * `--dataset_dir`: directory of the converted dataset's shards, `label.txt` and manifest.
   */
  'dataset_dir': (string);
  /**
   * `--labels_offset`: subtracted from dataset labels (the reference does `labels -= labels_offset`), e.g. 1 when the
   * dataset counts a background class the network does not have.
   */
  'labels_offset': (number);
  /**
   * `--model_name`: the network, e.g. `inception_v3`, `mobilenet_v2`, `resnet_v1_50`, `vgg_16`;
   * empty means the default.
   */
  'model_name': (string);
  /**
   * `--preprocessing_name`: preprocessing to use; empty means the network's own.
   */
  'preprocessing_name': (string);
  /**
   * `--train_image_size`: side of the square input in pixels; 0 means the network's default size.
   */
  'train_image_size': (number);
  /**
   * `--checkpoint_path`: pretrained checkpoint (prefix of a V2 bundle, a V1 file, or a directory
   * whose newest checkpoint is used); empty means the embedded pretrained weights of model_name.
   */
  'checkpoint_path': (string);
  /**
   * `--checkpoint_exclude_scopes`: scopes not restored from checkpoint_path, one per entry (the
   * reference takes them comma-separated), e.g. `InceptionV3/Logits`, `InceptionV3/AuxLogits`.
   */
  'checkpoint_exclude_scopes': (string)[];
  /**
   * `--trainable_scopes`: scopes whose variables are trained, one per entry; empty trains everything.
   * A scope that matches no variable is an INVALID_ARGUMENT error.
   */
  'trainable_scopes': (string)[];
  /**
   * `--ignore_missing_vars`: restore what checkpoint_path has and leave missing variables at their
   * initial values instead of failing.
   */
  'ignore_missing_vars': (boolean);
  /**
   * `--max_number_of_steps`: the job succeeds at this global step; 0 means no limit (the reference's
   * None), so the job runs until stopped.
   */
  'max_number_of_steps': (string);
  /**
   * `--batch_size`: examples per step; 0 means the default.
   */
  'batch_size': (number);
  /**
   * `--learning_rate`: initial learning rate; 0 means the default: 0.01 where only new layers train (a new
   * head, or from scratch), 0.00001 once pretrained layers train too.
   */
  'learning_rate': (number);
  /**
   * `--learning_rate_decay_type`.
   */
  'learning_rate_decay_type': (_finetune_trainer_v1_LearningRateDecayType__Output);
  /**
   * `--learning_rate_decay_factor`: factor of the exponential decay; 0 means the default.
   */
  'learning_rate_decay_factor': (number);
  /**
   * `--num_epochs_per_decay`: epochs between exponential decays, or of the polynomial decay;
   * 0 means the default.
   */
  'num_epochs_per_decay': (number);
  /**
   * `--end_learning_rate`: where polynomial and cosine decay end; absent means each one's default
   * (0.0001 for polynomial, as the reference; 0 for cosine).
   */
  'end_learning_rate'?: (number);
  /**
   * `--label_smoothing`: weight of the uniform distribution mixed into the one-hot labels, in [0, 1).
   */
  'label_smoothing': (number);
  /**
   * `--moving_average_decay`: decay, in (0, 1), of the exponential moving average of the trained variables
   * (and the batch-norm statistics training updates), num_updates the global step as in the reference; the
   * averages are saved beside the variables as `<var>/ExponentialMovingAverage` and continued on resume.
   * Absent means no moving average, as in the reference.
   */
  'moving_average_decay'?: (number);
  /**
   * `--optimizer`.
   */
  'optimizer': (_finetune_trainer_v1_Optimizer__Output);
  /**
   * `--opt_epsilon`: epsilon of adadelta, adam and rmsprop; 0 means the default, the
   * reference's value (far above Keras's 1e-7).
   */
  'opt_epsilon': (number);
  /**
   * `--adadelta_rho`: decay rate of adadelta; absent means the default.
   */
  'adadelta_rho'?: (number);
  /**
   * `--adagrad_initial_accumulator_value`: starting accumulator of adagrad; 0 means the default.
   */
  'adagrad_initial_accumulator_value': (number);
  /**
   * `--adam_beta1`: decay of adam's first moment; absent means the default.
   */
  'adam_beta1'?: (number);
  /**
   * `--adam_beta2`: decay of adam's second moment; absent means the default.
   */
  'adam_beta2'?: (number);
  /**
   * `--ftrl_learning_rate_power`: learning-rate power of ftrl, at most 0; absent means the default.
   */
  'ftrl_learning_rate_power'?: (number);
  /**
   * `--ftrl_initial_accumulator_value`: starting accumulator of ftrl; 0 means the default.
   */
  'ftrl_initial_accumulator_value': (number);
  /**
   * `--ftrl_l1`: L1 regularisation strength of ftrl; 0 means the default.
   */
  'ftrl_l1': (number);
  /**
   * `--ftrl_l2`: L2 regularisation strength of ftrl; 0 means the default.
   */
  'ftrl_l2': (number);
  /**
   * `--momentum`: momentum of the momentum optimizer; absent means the default.
   */
  'momentum'?: (number);
  /**
   * `--rmsprop_decay`: decay of rmsprop's mean square; absent means the default.
   */
  'rmsprop_decay'?: (number);
  /**
   * `--rmsprop_momentum`: momentum of rmsprop; absent means the default.
   */
  'rmsprop_momentum'?: (number);
  /**
   * `--weight_decay`: L2 regularisation of the network's weights; absent means the default.
   */
  'weight_decay'?: (number);
  /**
   * How batch normalisation runs in layers outside trainable_scopes (no reference flag).
   */
  'frozen_batch_norm_mode': (_finetune_trainer_v1_BatchNormMode__Output);
  /**
   * `--save_interval_secs`: seconds between checkpoint saves; 0 means the default. Step 0 is saved at the
   * start; keep_checkpoint_max says how many are kept.
   */
  'save_interval_secs': (number);
  /**
   * `--save_summaries_secs`: seconds between metric summaries (loss, learning rate); 0 means the default.
   */
  'save_summaries_secs': (number);
  /**
   * `--log_every_n_steps`: steps between progress reports (log line, JobProgress event); 0 means the default.
   */
  'log_every_n_steps': (number);
  /**
   * `--num_preprocessing_threads`: images decoded and augmented in parallel; 0 means the default.
   */
  'num_preprocessing_threads': (number);
  /**
   * MobileNet width (`depth_multiplier`, 0.25–1.4); absent means the default. Other nets take none.
   */
  'depth_multiplier'?: (number);
  /**
   * Whether training images get the random crop, flip and colour changes of the train preprocessing;
   * absent: on where pretrained layers train (as the reference), off where only new layers train on a
   * frozen pretrained backbone (a head, whose frozen features are then computed once and cached).
   */
  'augment'?: (boolean);
  /**
   * Seed of shard order, shuffling and augmentation; absent means a fresh one per job.
   */
  'seed'?: (number);
  /**
   * `--warmup_steps`: steps over which the learning rate rises linearly from 0 to learning_rate before the
   * decay type's schedule starts (its steps count from there); 0 means no warmup.
   */
  'warmup_steps': (number);
  /**
   * `--class_weights`: per-class weights of the cross-entropy, for imbalanced class folders.
   */
  'class_weights': (_finetune_trainer_v1_ClassWeights__Output);
  /**
   * `--keep_checkpoint_max`: newest checkpoints kept in train_dir (tf.train.Saver's max_to_keep); the best by
   * evaluation accuracy in train_dir/eval is never pruned. 0 means the default.
   */
  'keep_checkpoint_max': (number);
  /**
   * How batch normalisation runs in layers inside trainable_scopes (no reference flag): INFERENCE keeps
   * the restored moving statistics while gamma and beta train; BATCH_STATISTICS is the reference's.
   */
  'trained_batch_norm_mode': (_finetune_trainer_v1_BatchNormMode__Output);
  /**
   * Two stages in one job (no reference flag): the first fine_tune_after_steps steps train
   * trainable_scopes (the head, from the feature cache), the rest fine_tune_trainable_scopes at
   * fine_tune_learning_rate. Absent: one stage.
   */
  'fine_tune_after_steps'?: (string);
  /**
   * Scopes trained in the second stage, one per entry; empty trains everything.
   */
  'fine_tune_trainable_scopes': (string)[];
  /**
   * Learning rate of the second stage; absent means the default (0.00001 when it trains pretrained layers).
   */
  'fine_tune_learning_rate'?: (number);
  /**
   * `--alpha_background`: what transparent pixels are composited on, `#rrggbb` (or `white`, `black`);
   * empty means what the starting checkpoint records, else white. Recorded in each checkpoint.
   */
  'alpha_background': (string);
  /**
   * `--augmented_views` (no reference flag): with augment, head-only and deeper-only training caches the
   * frozen part's features of this many augmented views of each image, epoch e training on view e mod N;
   * 0 caches nothing and augments every step afresh. Absent means the default (4).
   */
  'augmented_views'?: (number);
  '_end_learning_rate'?: "end_learning_rate";
  '_moving_average_decay'?: "moving_average_decay";
  '_adadelta_rho'?: "adadelta_rho";
  '_adam_beta1'?: "adam_beta1";
  '_adam_beta2'?: "adam_beta2";
  '_ftrl_learning_rate_power'?: "ftrl_learning_rate_power";
  '_momentum'?: "momentum";
  '_rmsprop_decay'?: "rmsprop_decay";
  '_rmsprop_momentum'?: "rmsprop_momentum";
  '_weight_decay'?: "weight_decay";
  '_depth_multiplier'?: "depth_multiplier";
  '_augment'?: "augment";
  '_seed'?: "seed";
  '_fine_tune_after_steps'?: "fine_tune_after_steps";
  '_fine_tune_learning_rate'?: "fine_tune_learning_rate";
  '_augmented_views'?: "augmented_views";
}
