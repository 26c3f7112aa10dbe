// --augment when the user leaves it unset: off where only new layers train on a frozen pretrained backbone (a head),
// on everywhere else, as the reference. Measured on the quality bench (Google's emoji to train, Apple's to
// validate): a head on frozen features lost 3.7 points with augmentation and gave up the feature cache's speed
// (40x the wall time), while every layer trained from that head gained 1.8 points with it.
import { trainsPretrainedLayers } from './default-learning-rate';
import { pretrainedPath } from './pretrained-path';
import { FROM_SCRATCH } from './train-defaults';
import type { TrainOptions } from './train-options';

type Scopes = Pick<TrainOptions, 'augment' | 'checkpointPath' | 'modelName' | 'checkpointExcludeScopes'>;

/** Whether a stage training `trainableScopes` augments its images: --augment if given, else see the file's comment. */
export function stageAugments(o: Scopes, trainableScopes: readonly string[]): boolean {
  if (o.augment !== undefined) return o.augment;
  const newLayersOnly = pretrainedPath(o) !== FROM_SCRATCH && trainableScopes.length > 0 && !trainsPretrainedLayers(o, trainableScopes);
  return !newLayersOnly;
}
