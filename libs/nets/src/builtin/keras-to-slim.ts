// Pairs a Keras model's weights with a Slim-named net's by walking both graphs in the same order.
//
// Keras names are conv2d_N/batch_normalization_N (inception) or block_N_expand (mobilenet); rather than
// a hand-written table, both backbones are walked in topological order and the layers with weights are
// paired by position, then checked: same layer class, kernel, filters, strides, batch-norm epsilon and
// every weight's shape. A mismatch anywhere means the architectures differ, and it fails loudly.
import type * as tf from '@tensorflow/tfjs';
import type { Net } from '../net-def';
import { graphLayers, topologicalOrder, type GraphLayer } from './keras-graph';

const WEIGHT_LAYERS = new Set(['Conv2D', 'DepthwiseConv2D', 'BatchNormalization']);
/** Config fields that must agree; padding is left out: Keras' ZeroPadding2D + 'valid' equals Slim's 'SAME' here. */
const COMPARED_FIELDS = ['kernel_size', 'filters', 'strides', 'use_bias', 'depth_multiplier', 'epsilon', 'scale', 'center'];

export interface KerasBackbone {
  /** The Keras model's topology (model.json's modelTopology). */
  topology: unknown;
  /** The Keras layer whose output is the backbone's last feature map, e.g. `mixed10`. */
  output: string;
  /** The Keras weight specs, for their shapes. */
  weightSpecs: readonly tf.io.WeightsManifestEntry[];
}

function weightLayers(topology: unknown, output: string): GraphLayer[] {
  return topologicalOrder(graphLayers(topology), output).filter((l) => WEIGHT_LAYERS.has(l.className));
}

function sameShape(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Keras weight name (`conv2d_1/kernel`) -> Slim name (`InceptionV3/Conv2d_1a_3x3/weights`) for every
 * weight of the backbone ending at Keras layer `keras.output` and at the net's end point `slimEndPoint`.
 */
export function kerasToSlimNames(keras: KerasBackbone, net: Net, slimEndPoint: string): Map<string, string> {
  const endPoint = net.endPoints[slimEndPoint];
  if (!endPoint) throw new Error(`the net has no end point ${slimEndPoint}`);
  const kerasLayers = weightLayers(keras.topology, keras.output);
  const slimLayers = weightLayers(net.model.toJSON(null, false), endPoint.sourceLayer.name);
  if (kerasLayers.length !== slimLayers.length) {
    throw new Error(`Keras backbone up to ${keras.output} has ${kerasLayers.length} layers with weights, the Slim net up to ${slimEndPoint} ${slimLayers.length}`);
  }
  const specs = new Map(keras.weightSpecs.map((s) => [s.name, s]));
  const slimNameOf = new Map([...net.variables].map(([name, variable]) => [variable, name]));
  const names = new Map<string, string>();

  kerasLayers.forEach((k, i) => {
    const s = slimLayers[i];
    const pair = `Keras ${k.name} (${k.className}) vs Slim ${s.name} (${s.className})`;
    if (k.className !== s.className) throw new Error(`layer ${i}: ${pair}: classes differ`);
    for (const field of COMPARED_FIELDS) {
      const kv = JSON.stringify(k.config[field] ?? null);
      const sv = JSON.stringify(s.config[field] ?? null);
      if (kv !== sv) throw new Error(`layer ${i}: ${pair}: ${field} ${kv} vs ${sv}`);
    }
    const variables = net.model.getLayer(s.name).weights;
    const kerasWeights = keras.weightSpecs.filter((spec) => spec.name.startsWith(`${k.name}/`));
    if (kerasWeights.length !== variables.length) {
      throw new Error(`${pair}: ${kerasWeights.length} Keras weights vs ${variables.length} Slim variables`);
    }
    for (const variable of variables) {
      const weight = variable.originalName.slice(variable.originalName.lastIndexOf('/') + 1);
      const kerasName = `${k.name}/${weight}`;
      const spec = specs.get(kerasName);
      const slimName = slimNameOf.get(variable);
      if (!spec) throw new Error(`${pair}: Keras weight ${kerasName} is missing`);
      if (!slimName) throw new Error(`${pair}: weight ${variable.originalName} has no Slim name`);
      if (!sameShape(spec.shape, variable.shape)) {
        throw new Error(`${kerasName} [${spec.shape}] vs ${slimName} [${variable.shape}]: shapes differ`);
      }
      names.set(kerasName, slimName);
    }
  });
  return names;
}
