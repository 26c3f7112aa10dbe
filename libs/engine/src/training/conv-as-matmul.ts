// Convolutions that are matrix products (1x1 stride 1, or one window covering the whole input) run as a matmul in the tape.
import * as tf from '@tensorflow/tfjs';
import { weightShortName } from './batch-norm-spec';
import { TAPE_ACTIVATIONS } from './tape-activations';
import { tapeMatMul } from './tape-matmul';

/**
 * 'pointwise': 1x1 stride 1 (MobileNet's pointwise layers, every logits layer), one matmul per pixel.
 * 'full-window': VALID padding with the kernel as large as the input (Inception's AuxLogits Conv2d_2a_5x5 on the
 * pooled 5x5 map), so the output is 1x1 and the whole input is one row of the product.
 */
export type MatMulConvKind = 'pointwise' | 'full-window';

export interface MatMulConv {
  kind: MatMulConvKind;
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  activation: (x: tf.Tensor) => tf.Tensor;
}

const ones = (v: unknown) => (Array.isArray(v) ? v.every((d) => d === 1) : v === 1);
const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)]);

/**
 * The layer as a matmul for an input of `inputShape` [N, H, W, Cin], or null. Its backprop is then MatMul's, not
 * Conv2DBackpropFilter's and Conv2DBackpropInput's: the cpu backend's filter gradient takes ~30 s for one 4x4x512
 * -> 1024 MobileNet layer at batch 8, the matmul < 0.1 s; wasm's input gradient of inception_v3's 5x5x128 -> 768
 * AuxLogits conv takes 35-45 ms at batch 8, its matmul form ~3 ms.
 */
export function convAsMatMul(layer: tf.layers.Layer, inputShape: readonly number[]): MatMulConv | null {
  if (layer.getClassName() !== 'Conv2D') return null;
  const c = layer.getConfig();
  if (!ones(c['dilationRate'] ?? 1) || (c['dataFormat'] ?? 'channelsLast') !== 'channelsLast') return null;
  const activation = TAPE_ACTIVATIONS[String(c['activation'] ?? 'linear')];
  const byName = new Map(layer.weights.map((w) => [weightShortName(w), w]));
  const kernel = byName.get('kernel');
  if (!activation || !kernel) return null;
  const [kh, kw] = pair(c['kernelSize']);
  let kind: MatMulConvKind | null = null;
  if (kh === 1 && kw === 1 && ones(c['strides'])) kind = 'pointwise';
  // Any stride leaves a single VALID window when the kernel is the input's size.
  else if (c['padding'] === 'valid' && inputShape[1] === kh && inputShape[2] === kw) kind = 'full-window';
  return kind ? { kind, kernel, bias: byName.get('bias') ?? null, activation } : null;
}

/** Same values as the layer's tf.conv2d: [N, H, W, Cin] -> [N, H, W, Cout] (pointwise) or [N, 1, 1, Cout]. */
export function runConvAsMatMul(x: tf.Tensor, conv: MatMulConv): tf.Tensor {
  const kernel = conv.kernel.read();
  const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
  // Row-major [kh, kw, cin, cout] flattens in the order of an input window [kh, kw, cin].
  const rows = conv.kind === 'pointwise' ? cin : kh * kw * cin;
  let y = tapeMatMul(tf.reshape(x, [-1, rows]), tf.reshape(kernel, [rows, cout]));
  if (conv.bias) y = tf.add(y, conv.bias.read());
  const shape = conv.kind === 'pointwise' ? [...x.shape.slice(0, -1), cout] : [x.shape[0]!, 1, 1, cout];
  return conv.activation(tf.reshape(y, shape));
}
