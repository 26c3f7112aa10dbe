// Options of a training session, their defaults and their validation.
import type * as tf from '@tensorflow/tfjs';
import type { SlimOptimizer } from '../optimizers/optimizer';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule';
import { AUX_LOSS_WEIGHT } from './classification-loss';
import type { FeatureCache } from './feature-cache';
import { MEMORY_BUDGET_BYTES } from './micro-batch';
import type { FrozenBatchNorm, TrainedBatchNorm } from './split-plan';
import { InvalidTrainingOptionError } from './training-errors';
import { isRegularizedByDefault, WEIGHT_DECAY } from './weight-decay';

export interface TrainingSessionOptions {
  /** A functional model whose outputs are logits [batch, classes], then aux logits where the net has them. */
  model: tf.LayersModel;
  /**
   * Every variable by its TF-Slim name (a Net's `variables`). @default `<layer name>/<weight name>` for each
   * weight of the model
   */
  variables?: ReadonlyMap<string, tf.LayerVariable>;
  /**
   * Names of the variables to train (what --trainable_scopes selects). Batch-norm moving statistics are never
   * trained (they are not trainable variables in TF either) and are ignored here.
   */
  trainableNames: Iterable<string>;
  optimizer: SlimOptimizer;
  schedule: LearningRateSchedule;
  /** --weight_decay: L2 on regularised trained variables. @default 0.00004 */
  weightDecay?: number;
  /** Which trained variables weight decay applies to. @default names ending in '/weights' */
  isRegularized?: (name: string) => boolean;
  /** --label_smoothing. @default 0 */
  labelSmoothing?: number;
  /** Loss weight of each class (--class_weights), one per logit; every example's loss is multiplied by its label's. @default unweighted */
  classWeights?: readonly number[];
  /** Weight of the aux logits' loss (second output). @default 0.4 */
  auxLossWeight?: number;
  /** Examples per forward/backward pass; gradients are accumulated over a batch. @default 'auto' (fits memoryBudgetBytes) */
  microBatch?: number | 'auto';
  /** Activation memory the 'auto' micro-batch may use. @default 1 GiB */
  memoryBudgetBytes?: number;
  /** @default 'inference' */
  frozenBatchNorm?: FrozenBatchNorm;
  /** Batch norms of the trained layers: moving statistics, or batch statistics as the reference. @default 'batch-statistics' */
  trainedBatchNorm?: TrainedBatchNorm;
  /** Decay of the moving averages of trained batch norms. @default each layer's momentum (the net's Slim decay) */
  batchNormDecay?: number;
  /** Caches the frozen prefix's output by example id (only with frozenBatchNorm 'inference'). */
  featureCache?: FeatureCache;
  /** Global step to start from (a restored checkpoint's). @default 0 */
  globalStep?: number;
}

export type ResolvedTrainingOptions = Required<
  Omit<TrainingSessionOptions, 'variables' | 'featureCache' | 'batchNormDecay' | 'trainableNames' | 'classWeights'>
> &
  Pick<TrainingSessionOptions, 'variables' | 'featureCache' | 'batchNormDecay' | 'classWeights'> & { trainableNames: string[] };

export function resolveTrainingOptions(o: TrainingSessionOptions): ResolvedTrainingOptions {
  const resolved: ResolvedTrainingOptions = {
    ...o,
    trainableNames: [...o.trainableNames],
    weightDecay: o.weightDecay ?? WEIGHT_DECAY,
    isRegularized: o.isRegularized ?? isRegularizedByDefault,
    labelSmoothing: o.labelSmoothing ?? 0,
    auxLossWeight: o.auxLossWeight ?? AUX_LOSS_WEIGHT,
    microBatch: o.microBatch ?? 'auto',
    memoryBudgetBytes: o.memoryBudgetBytes ?? MEMORY_BUDGET_BYTES,
    frozenBatchNorm: o.frozenBatchNorm ?? 'inference',
    trainedBatchNorm: o.trainedBatchNorm ?? 'batch-statistics',
    globalStep: o.globalStep ?? 0,
  };
  const bad = (option: string, why: string) => {
    throw new InvalidTrainingOptionError(option, why);
  };
  checkMainThreadOptions(resolved);
  if (!(resolved.labelSmoothing >= 0 && resolved.labelSmoothing < 1)) {
    bad('labelSmoothing', `${resolved.labelSmoothing} must be in [0, 1)`);
  }
  const weights = resolved.classWeights;
  if (weights && !weights.every((w) => Number.isFinite(w) && w >= 0)) bad('classWeights', `[${weights.join(', ')}] must all be finite and >= 0`);
  if (!(resolved.auxLossWeight >= 0)) bad('auxLossWeight', `${resolved.auxLossWeight} must be >= 0`);
  const mb = resolved.microBatch;
  if (mb !== 'auto' && !(Number.isInteger(mb) && mb >= 1)) bad('microBatch', `${mb} must be an integer >= 1 or 'auto'`);
  if (!(resolved.memoryBudgetBytes > 0)) bad('memoryBudgetBytes', 'must be > 0');
  for (const option of ['frozenBatchNorm', 'trainedBatchNorm'] as const) {
    const mode = resolved[option];
    if (mode !== 'inference' && mode !== 'batch-statistics') bad(option, `${JSON.stringify(mode)} is not 'inference' or 'batch-statistics'`);
  }
  const decay = resolved.batchNormDecay;
  if (decay !== undefined && !(decay >= 0 && decay < 1)) bad('batchNormDecay', `${decay} must be in [0, 1)`);
  if (!(Number.isInteger(resolved.globalStep) && resolved.globalStep >= 0)) {
    bad('globalStep', `${resolved.globalStep} must be an integer >= 0`);
  }
  return resolved;
}

/**
 * The checks of what a parallel trainer's main thread uses itself (weight decay, the feature cache); its
 * workers' sessions check the rest with resolveTrainingOptions.
 */
export function checkMainThreadOptions(o: Pick<TrainingSessionOptions, 'weightDecay' | 'featureCache' | 'frozenBatchNorm'>): void {
  const weightDecay = o.weightDecay ?? WEIGHT_DECAY;
  if (!(weightDecay >= 0)) throw new InvalidTrainingOptionError('weightDecay', `${weightDecay} must be >= 0`);
  if (o.featureCache && o.frozenBatchNorm === 'batch-statistics') {
    throw new InvalidTrainingOptionError('featureCache', "frozen activations depend on the batch with frozenBatchNorm 'batch-statistics'; they cannot be cached");
  }
}
