// --learning_rate when the user leaves it unset. As the reference's two fine-tuning commands, a large rate for a
// new head and a small one once every layer trains: pretrained weights need small steps or the first updates undo
// them, while a head that starts from random values needs large ones (at 0.001 it still underfits after 60 epochs).
import { LEARNING_RATE, PRETRAINED_LEARNING_RATE } from '../schedules/learning-rate-schedule';
import { FROM_SCRATCH } from './train-defaults';
import { pretrainedPath } from './pretrained-path';
import type { TrainOptions } from './train-options';

type Scopes = Pick<TrainOptions, 'checkpointPath' | 'modelName' | 'checkpointExcludeScopes'>;

/**
 * Whether training `trainableScopes` changes restored weights: from a checkpoint, with some trainable scope
 * not inside an excluded scope (empty scopes train everything). The reference matches both by name prefix.
 */
export function trainsPretrainedLayers(o: Scopes, trainableScopes: readonly string[]): boolean {
  if (pretrainedPath(o) === FROM_SCRATCH) return false;
  if (trainableScopes.length === 0) return true;
  return trainableScopes.some((scope) => !o.checkpointExcludeScopes.some((excluded) => scope.startsWith(excluded)));
}

/** The default initial rate for training these scopes: see the file's comment. */
export function defaultLearningRate(o: Scopes, trainableScopes: readonly string[]): number {
  return trainsPretrainedLayers(o, trainableScopes) ? PRETRAINED_LEARNING_RATE : LEARNING_RATE;
}
