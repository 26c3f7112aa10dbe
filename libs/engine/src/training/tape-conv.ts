// Other Conv2D layers in the gradient tape as the plain tf.conv2d, bias and activation, not tfjs-layers' fused op.
// The fused op's custom gradient computes the input gradient eagerly, even for the image itself, which nothing
// needs: MobileNetV2's first convolution spent ~5% of a full training step there. The plain ops' gradients are
// lazy, so the tape skips every input no trained variable leads to.
import * as tf from '@tensorflow/tfjs';
import { weightShortName } from './batch-norm-spec';
import { TAPE_ACTIVATIONS } from './tape-activations';

export interface TapeConv {
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
  strides: [number, number];
  dilations: [number, number];
  padding: 'same' | 'valid';
  activation: (x: tf.Tensor) => tf.Tensor;
}

const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : [Number(v), Number(v)]);

/** The layer as plain ops, or null when it is not a channels-last Conv2D with a known activation and padding. */
export function tapeConv(layer: tf.layers.Layer): TapeConv | null {
  if (layer.getClassName() !== 'Conv2D') return null;
  const c = layer.getConfig();
  const activation = TAPE_ACTIVATIONS[String(c['activation'] ?? 'linear')];
  const padding = c['padding'];
  const byName = new Map(layer.weights.map((w) => [weightShortName(w), w]));
  const kernel = byName.get('kernel');
  if (!activation || !kernel || (padding !== 'same' && padding !== 'valid')) return null;
  if ((c['dataFormat'] ?? 'channelsLast') !== 'channelsLast') return null;
  return {
    kernel,
    bias: byName.get('bias') ?? null,
    strides: pair(c['strides'] ?? 1),
    dilations: pair(c['dilationRate'] ?? 1),
    padding,
    activation,
  };
}

/** Same values as the layer's call. */
export function runTapeConv(x: tf.Tensor, conv: TapeConv): tf.Tensor {
  let y: tf.Tensor = tf.conv2d(x as tf.Tensor4D, conv.kernel.read() as tf.Tensor4D, conv.strides, conv.padding, 'NHWC', conv.dilations);
  if (conv.bias) y = tf.add(y, conv.bias.read());
  return conv.activation(y);
}
