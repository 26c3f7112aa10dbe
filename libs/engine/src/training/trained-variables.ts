// Resolves the trainable names to the model's variables, the way --trainable_scopes picks trainable variables.
import type * as tf from '@tensorflow/tfjs';
import { weightShortName } from './batch-norm-spec';
import { InvalidTrainingOptionError, UnknownVariableError } from './training-errors';

/** Batch-norm moving averages: updated by the forward pass, never by gradients (not trainable in TF). */
const STATISTICS = new Set(['moving_mean', 'moving_variance']);

/** `<layer name>/<weight name>` for every weight: the naming when no Slim map is given. */
export function layerVariableNames(model: tf.LayersModel): Map<string, tf.LayerVariable> {
  const variables = new Map<string, tf.LayerVariable>();
  for (const layer of model.layers) for (const w of layer.weights) variables.set(`${layer.name}/${weightShortName(w)}`, w);
  return variables;
}

/** Trained variables by name, in the model's variable order (so gradient order is stable). */
export function resolveTrainedVariables(
  variables: ReadonlyMap<string, tf.LayerVariable>,
  trainableNames: readonly string[],
): Map<string, tf.LayerVariable> {
  const wanted = new Set(trainableNames);
  for (const name of wanted) {
    if (variables.has(name)) continue;
    const scope = name.slice(0, name.lastIndexOf('/'));
    throw new UnknownVariableError(
      name,
      [...variables.keys()].filter((v) => v.startsWith(`${scope}/`)),
    );
  }
  const trained = new Map<string, tf.LayerVariable>();
  for (const [name, variable] of variables) {
    if (wanted.has(name) && !STATISTICS.has(weightShortName(variable))) trained.set(name, variable);
  }
  if (trained.size === 0) {
    throw new InvalidTrainingOptionError('trainableNames', 'selects no trainable variable (moving statistics are not trainable)');
  }
  return trained;
}
