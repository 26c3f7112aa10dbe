// 1x1 stride-1 convolutions (MobileNet's pointwise layers, every logits layer) as a matmul inside the tape.
import * as tf from '@tensorflow/tfjs';
import { weightShortName } from './batch-norm-spec';

/** Activations a pointwise layer may carry that are cheap to apply here; others keep the layer's own call. */
const ACTIVATIONS: Record<string, ((x: tf.Tensor) => tf.Tensor) | undefined> = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
};

export interface PointwiseConv {
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  activation: (x: tf.Tensor) => tf.Tensor;
}

const ones = (v: unknown) => (Array.isArray(v) ? v.every((d) => d === 1) : v === 1);

/**
 * The layer as a pointwise conv, or null. Its backprop is then MatMul's, not Conv2DBackpropFilter's: the cpu
 * backend's filter gradient takes ~30 s for one 4x4x512 -> 1024 MobileNet layer at batch 8, the matmul < 0.1 s.
 */
export function pointwiseConv(layer: tf.layers.Layer): PointwiseConv | null {
  if (layer.getClassName() !== 'Conv2D') return null;
  const c = layer.getConfig();
  if (!ones(c['kernelSize']) || !ones(c['strides']) || !ones(c['dilationRate'] ?? 1)) return null;
  if ((c['dataFormat'] ?? 'channelsLast') !== 'channelsLast') return null;
  const activation = ACTIVATIONS[String(c['activation'] ?? 'linear')];
  const byName = new Map(layer.weights.map((w) => [weightShortName(w), w]));
  const kernel = byName.get('kernel');
  if (!activation || !kernel) return null;
  return { kernel, bias: byName.get('bias') ?? null, activation };
}

/** [N, H, W, Cin] x [1, 1, Cin, Cout] -> [N, H, W, Cout], same values as tf.conv2d (padding is moot at 1x1). */
export function runPointwiseConv(x: tf.Tensor, conv: PointwiseConv): tf.Tensor {
  const kernel = conv.kernel.read();
  const [, , cin, cout] = kernel.shape as [number, number, number, number];
  let y = tf.matMul(tf.reshape(x, [-1, cin]), tf.reshape(kernel, [cin, cout]));
  if (conv.bias) y = tf.add(y, conv.bias.read());
  return conv.activation(tf.reshape(y, [...x.shape.slice(0, -1), cout]));
}
