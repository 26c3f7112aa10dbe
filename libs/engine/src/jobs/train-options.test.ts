// Training flags: the reference's defaults, errors that name the flag, and the contract's TrainingConfig round trip.
import { describe, expect, it } from 'vitest';
import { resolveTrainOptions } from './train-options';
import { optionsToTrainingConfig, trainingConfigToOptions } from './training-config';
import type { trainerV1 } from '@finetune/contracts';

const base = { trainDir: '/t', datasetDir: '/d' };

describe('train options', () => {
  it("train options - defaults are train_image_classifier's, but for the optimizer (adam, epsilon 1e-8), the learning rate, its fixed schedule and batch norms", () => {
    const o = resolveTrainOptions(base);
    expect(o).toMatchObject({
      batchSize: 32,
      // The builtin inception_v3 with nothing excluded: every pretrained layer trains.
      learningRate: 0.00003,
      optimizer: 'adam',
      learningRateDecayType: 'fixed',
      learningRateDecayFactor: 0.94,
      numEpochsPerDecay: 2,
      warmupSteps: 0,
      weightDecay: 0.00004,
      saveIntervalSecs: 600,
      saveSummariesSecs: 600,
      logEveryNSteps: 10,
      datasetSplitName: 'train',
      modelName: 'inception_v3',
      maxNumberOfSteps: 0,
      keepCheckpointMax: 5,
      classWeights: 'none',
    });
    expect(o.optimizerOptions).toMatchObject({ optEpsilon: 1e-8, rmspropDecay: 0.9, rmspropMomentum: 0.9 });
    expect(o).toMatchObject({ frozenBatchNorm: 'inference', trainedBatchNorm: 'inference' });
    // Unset: each decay type's own end, 0.0001 for polynomial as the reference.
    expect(o.endLearningRate).toBeUndefined();
  });

  it('train options - an unset learning rate is 0.01 where only new layers train, 0.00003 once pretrained ones do', () => {
    const head = { ...base, modelName: 'mobilenet_v2', checkpointExcludeScopes: 'MobilenetV2/Logits' };
    expect(resolveTrainOptions({ ...head, trainableScopes: 'MobilenetV2/Logits' }).learningRate).toBe(0.01);
    expect(resolveTrainOptions({ ...head, trainableScopes: 'MobilenetV2/Logits/Conv2d_1c_1x1' }).learningRate).toBe(0.01);
    expect(resolveTrainOptions({ ...head, trainableScopes: 'MobilenetV2/Conv_1,MobilenetV2/Logits' }).learningRate).toBe(0.00003);
    expect(resolveTrainOptions(head).learningRate).toBe(0.00003);
    expect(resolveTrainOptions({ ...head, checkpointPath: 'none' }).learningRate).toBe(0.01);
    expect(resolveTrainOptions({ ...head, trainableScopes: 'MobilenetV2/Logits', learningRate: 0.003 }).learningRate).toBe(0.003);
  });

  it('train options - bad values fail naming the flag', () => {
    expect(() => resolveTrainOptions({ ...base, optimizer: 'sgdd' as never })).toThrow(
      '--optimizer "sgdd": expected one of rmsprop, adam, momentum, sgd, adagrad, adadelta, ftrl',
    );
    expect(() => resolveTrainOptions({ ...base, learningRateDecayType: 'cosine_restarts' as never })).toThrow(/^--learning_rate_decay_type "cosine_restarts": expected one of fixed, exponential, polynomial, cosine$/);
    expect(() => resolveTrainOptions({ ...base, batchSize: 0 })).toThrow(/^--batch_size 0: expected a whole number of at least 1/);
    expect(() => resolveTrainOptions({ ...base, labelSmoothing: 1 })).toThrow(/^--label_smoothing 1: expected a number in \[0, 1\)/);
    expect(() => resolveTrainOptions({ ...base, modelName: 'inception_v9' })).toThrow(/^--model_name "inception_v9": unknown model; known models: inception_v3/);
    expect(() => resolveTrainOptions({ ...base, trainDir: '' })).toThrow(/--train_dir "": is required/);
    expect(() => resolveTrainOptions({ ...base, alphaBackground: '#fff' })).toThrow(/^--alpha_background "#fff": expected a colour #rrggbb \(e\.g\. #808080\), white or black$/);
  });

  it('train options - --alpha_background is unset by default and kept in its one spelling; the request carries it', () => {
    expect(resolveTrainOptions(base).alphaBackground).toBeUndefined();
    expect(resolveTrainOptions({ ...base, alphaBackground: 'Black' }).alphaBackground).toBe('#000000');
    const o = resolveTrainOptions({ ...base, alphaBackground: '#80A0C0' });
    expect(o.alphaBackground).toBe('#80a0c0');
    const config = optionsToTrainingConfig(o);
    expect(config.alpha_background).toBe('#80a0c0');
    expect(resolveTrainOptions(trainingConfigToOptions(config as trainerV1.TrainingConfig__Output))).toEqual(o);
    expect(optionsToTrainingConfig(resolveTrainOptions(base)).alpha_background).toBe('');
  });

  it('train options - comma-separated scopes are split as the reference does', () => {
    const o = resolveTrainOptions({ ...base, trainableScopes: 'A/Logits, A/Conv_1', checkpointExcludeScopes: ['A/Logits,A/AuxLogits'] });
    expect(o.trainableScopes).toEqual(['A/Logits', 'A/Conv_1']);
    expect(o.checkpointExcludeScopes).toEqual(['A/Logits', 'A/AuxLogits']);
  });

  it('train options - a TrainingConfig with defaults written out means the same options', () => {
    const o = resolveTrainOptions({ ...base, optimizer: 'adam', weightDecay: 0, maxNumberOfSteps: 100, frozenBatchNorm: 'batch-statistics', trainableScopes: 'X/Logits',
      learningRateDecayType: 'cosine', warmupSteps: 20, endLearningRate: 0, classWeights: 'balanced' });
    const config = optionsToTrainingConfig(o);
    expect(config).toMatchObject({ optimizer: 'OPTIMIZER_ADAM', weight_decay: 0, max_number_of_steps: '100', frozen_batch_norm_mode: 'BATCH_NORM_MODE_BATCH_STATISTICS',
      learning_rate_decay_type: 'LEARNING_RATE_DECAY_TYPE_COSINE', warmup_steps: 20, end_learning_rate: 0, class_weights: 'CLASS_WEIGHTS_BALANCED' });
    expect(resolveTrainOptions(trainingConfigToOptions(config as trainerV1.TrainingConfig__Output))).toEqual(o);
  });

  it('train options - zero fields of a request mean the reference defaults', () => {
    const empty = {
      train_dir: '/t', dataset_dir: '/d', dataset_name: '', dataset_split_name: '', labels_offset: 0, model_name: '', preprocessing_name: '', train_image_size: 0,
      checkpoint_path: '', checkpoint_exclude_scopes: [], trainable_scopes: [], ignore_missing_vars: false, max_number_of_steps: '0', batch_size: 0, learning_rate: 0,
      learning_rate_decay_type: 'LEARNING_RATE_DECAY_TYPE_UNSPECIFIED', learning_rate_decay_factor: 0, num_epochs_per_decay: 0, label_smoothing: 0,
      optimizer: 'OPTIMIZER_UNSPECIFIED', opt_epsilon: 0, adagrad_initial_accumulator_value: 0, ftrl_initial_accumulator_value: 0, ftrl_l1: 0, ftrl_l2: 0,
      frozen_batch_norm_mode: 'BATCH_NORM_MODE_UNSPECIFIED', save_interval_secs: 0, save_summaries_secs: 0, log_every_n_steps: 0, num_preprocessing_threads: 0,
    } as unknown as trainerV1.TrainingConfig__Output;
    expect(resolveTrainOptions(trainingConfigToOptions(empty))).toEqual(resolveTrainOptions(base));
  });

  it('train options - an enum number the contract lacks names its enum with the right article', () => {
    const config = (field: string) => ({ train_dir: '/t', dataset_dir: '/d', [field]: 42 }) as unknown as trainerV1.TrainingConfig__Output;
    expect(() => trainingConfigToOptions(config('optimizer'))).toThrow(/^--optimizer 42: config\.optimizer is not an Optimizer value; expected one of OPTIMIZER_/);
    expect(() => trainingConfigToOptions(config('frozen_batch_norm_mode'))).toThrow(/is not a BatchNormMode value/);
    expect(() => trainingConfigToOptions(config('learning_rate_decay_type'))).toThrow(/is not a LearningRateDecayType value/);
  });
});
