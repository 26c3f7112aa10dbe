// Maps a layers model's weights to their TF-Slim checkpoint names, e.g. 'vgg_16/fc6/weights'.
import type * as tf from '@tensorflow/tfjs';

/** tfjs weight names and the names TF-Slim gives the same variables. */
const SLIM_WEIGHT_NAMES: Readonly<Record<string, string>> = {
  kernel: 'weights',
  depthwise_kernel: 'depthwise_weights',
  bias: 'biases',
  gamma: 'gamma',
  beta: 'beta',
  moving_mean: 'moving_mean',
  moving_variance: 'moving_variance',
};

/**
 * Layer names are the Slim scopes (the batch norm layer of 'X/Conv2d_0' is 'X/Conv2d_0/BatchNorm'), so a
 * variable's Slim name is the layer name plus the Slim name of the weight. LayerVariable.name is not used:
 * tfjs makes it unique per process ('kernel_1' when a net is built twice); originalName is stable.
 */
export function collectSlimVariables(model: tf.LayersModel): Map<string, tf.LayerVariable> {
  const variables = new Map<string, tf.LayerVariable>();
  for (const layer of model.layers) {
    for (const weight of layer.weights) {
      const tfjsName = weight.originalName.slice(weight.originalName.lastIndexOf('/') + 1);
      const slimName = SLIM_WEIGHT_NAMES[tfjsName];
      if (slimName === undefined) {
        throw new Error(`layer ${layer.name}: weight '${tfjsName}' has no TF-Slim name`);
      }
      const name = `${layer.name}/${slimName}`;
      if (variables.has(name)) throw new Error(`two weights would share the TF-Slim name ${name}`);
      variables.set(name, weight);
    }
  }
  return variables;
}
