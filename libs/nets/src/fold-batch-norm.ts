// Folds each batch norm into the convolution before it, for serving: w' = w·γ/√(σ²+ε), b' = β + (b − μ)·γ/√(σ²+ε).
// Works on the layers topology, so it fits every net in the zoo without knowing how each is built.
import * as tf from '@tensorflow/tfjs';

/** [layerName, nodeIndex, tensorIndex, kwargs] as Keras serialises an inbound connection. */
type InboundRef = [string, number, number, Record<string, unknown>?];

interface LayerJson {
  name: string;
  class_name: string;
  config: Record<string, unknown>;
  inbound_nodes: InboundRef[][];
}

interface TopologyJson {
  class_name: string;
  config: { layers: LayerJson[]; output_layers: InboundRef[]; input_layers: InboundRef[] };
}

const FOLDABLE_CONVS = new Set(['Conv2D', 'DepthwiseConv2D']);

export interface FoldResult {
  /** A new model with the same inputs and outputs: folded convs carry biases, their batch norms are gone. */
  model: tf.LayersModel;
  /** Names of the batch norm layers folded away, in graph order. */
  folded: string[];
}

/** Pairs (conv, batch norm) that can be folded: the conv feeds only the batch norm, linearly, channels last. */
function foldablePairs(topology: TopologyJson): Map<string, string> {
  const byName = new Map(topology.config.layers.map((l) => [l.name, l]));
  const uses = new Map<string, number>();
  const use = (name: string) => uses.set(name, (uses.get(name) ?? 0) + 1);
  for (const layer of topology.config.layers) for (const node of layer.inbound_nodes) for (const ref of node) use(ref[0]);
  for (const ref of topology.config.output_layers) use(ref[0]);

  const pairs = new Map<string, string>(); // batch norm -> conv
  for (const bn of topology.config.layers) {
    if (bn.class_name !== 'BatchNormalization' || bn.inbound_nodes.length !== 1 || bn.inbound_nodes[0]!.length !== 1) continue;
    const axis = bn.config.axis;
    if (axis !== -1 && axis !== 3 && !(Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3))) continue;
    const conv = byName.get(bn.inbound_nodes[0]![0]![0]);
    if (!conv || !FOLDABLE_CONVS.has(conv.class_name)) continue;
    // A shared conv, a conv read by anything else, or one with its own activation would change meaning.
    if (conv.inbound_nodes.length !== 1 || uses.get(conv.name) !== 1) continue;
    if ((conv.config.activation ?? 'linear') !== 'linear') continue;
    if ((conv.config.data_format ?? 'channels_last') !== 'channels_last') continue;
    pairs.set(bn.name, conv.name);
  }
  return pairs;
}

/** The rewritten topology: folded convs get biases, batch norms vanish, their readers read the conv. */
function rewrite(topology: TopologyJson, pairs: Map<string, string>): TopologyJson {
  const rename = (ref: InboundRef): InboundRef => (pairs.has(ref[0]) ? [pairs.get(ref[0])!, ...ref.slice(1)] as InboundRef : ref);
  const convs = new Set(pairs.values());
  const layers = topology.config.layers
    .filter((l) => !pairs.has(l.name))
    .map((l) => ({
      ...l,
      ...(convs.has(l.name) ? { config: { ...l.config, use_bias: true } } : {}),
      inbound_nodes: l.inbound_nodes.map((node) => node.map(rename)),
    }));
  return { ...topology, config: { ...topology.config, layers, output_layers: topology.config.output_layers.map(rename) } };
}

function weightsByName(layer: tf.layers.Layer): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const w of layer.weights) out[w.originalName.slice(w.originalName.lastIndexOf('/') + 1)] = w.read();
  return out;
}

/** The folded kernel and bias of one conv + batch norm pair. */
function foldedWeights(conv: tf.layers.Layer, bn: tf.layers.Layer): tf.Tensor[] {
  return tf.tidy(() => {
    const c = weightsByName(conv);
    const b = weightsByName(bn);
    const kernel = c.kernel ?? c.depthwise_kernel;
    if (!kernel) throw new Error(`${conv.name}: no kernel to fold ${bn.name} into`);
    const config = bn.getConfig();
    const epsilon = Number(config.epsilon);
    const mean = b.moving_mean!;
    const variance = b.moving_variance!;
    const channels = mean.shape[0]!;
    const gamma = b.gamma ?? tf.ones([channels]);
    const beta = b.beta ?? tf.zeros([channels]);
    const scale = tf.div(gamma, tf.sqrt(tf.add(variance, epsilon)));
    // Conv2D kernels are [h, w, in, out]; depthwise ones [h, w, in, multiplier], output channel in·m + k.
    const kernelScale = c.depthwise_kernel ? tf.reshape(scale, kernel.shape.slice(2)) : scale;
    const folded = tf.mul(kernel, kernelScale);
    const bias = tf.add(beta, tf.mul(tf.sub(c.bias ?? tf.zeros([channels]), mean), scale));
    return [folded, bias];
  });
}

/**
 * Folds every batch norm that directly follows a conv (Conv2D or DepthwiseConv2D) into it. Inference
 * only: the moving averages are baked in, so the result must not be trained further.
 */
export async function foldBatchNorm(model: tf.LayersModel): Promise<FoldResult> {
  const topology = model.toJSON(null, false) as unknown as TopologyJson;
  const pairs = foldablePairs(topology);
  const rewritten = rewrite(topology, pairs);
  const folded = await tf.models.modelFromJSON({ modelTopology: rewritten as unknown as tf.io.ModelJSON['modelTopology'] });
  const convToBn = new Map([...pairs].map(([bn, conv]) => [conv, bn]));
  for (const layer of folded.layers) {
    const original = model.getLayer(layer.name);
    const bn = convToBn.get(layer.name);
    if (bn) {
      const weights = foldedWeights(original, model.getLayer(bn));
      layer.setWeights(weights);
      tf.dispose(weights);
    } else if (layer.weights.length) {
      layer.setWeights(original.getWeights());
    }
  }
  const order = topology.config.layers.map((l) => l.name).filter((n) => pairs.has(n));
  return { model: folded, folded: order };
}
