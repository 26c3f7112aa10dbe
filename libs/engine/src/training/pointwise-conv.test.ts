// The matmul form of 1x1 convolutions against tfjs's conv2d layer: same values, same gradients.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointwiseConv, runPointwiseConv } from './pointwise-conv';
import { maxAbsDiff } from './testing';

describe('pointwise conv', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('pointwise conv - a 1x1 conv with bias and relu6 equals the layer, values and gradients', () => {
    const layer = tf.layers.conv2d({ name: 'Net/Conv2d_1x1', filters: 5, kernelSize: 1, activation: 'relu6', biasInitializer: 'ones' });
    const x = tf.randomUniform([2, 3, 4, 6], -2, 2, 'float32', 3);
    const expected = layer.apply(x) as tf.Tensor;
    const conv = pointwiseConv(layer)!;
    expect(conv).not.toBeNull();
    const actual = runPointwiseConv(x, conv);
    expect(actual.shape).toEqual([2, 3, 4, 5]);
    expect(maxAbsDiff(actual, expected)).toBeLessThan(1e-6);
    const vars = layer.weights.map((w) => w.read());
    const ours = tf.engine().gradients(() => tf.sum(tf.square(runPointwiseConv(x, conv))) as tf.Scalar, vars).grads;
    const theirs = tf.engine().gradients(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar, vars).grads;
    ours.forEach((g, i) => expect(maxAbsDiff(g, theirs[i]!)).toBeLessThan(1e-4));
    tf.dispose([x, expected, actual, ...ours, ...theirs]);
  });

  it('pointwise conv - larger kernels, strides and dilations keep the layer call', () => {
    const build = (args: Parameters<typeof tf.layers.conv2d>[0]) => {
      const layer = tf.layers.conv2d(args);
      layer.apply(tf.input({ shape: [8, 8, 3] }));
      return pointwiseConv(layer);
    };
    expect(build({ filters: 2, kernelSize: 3 })).toBeNull();
    expect(build({ filters: 2, kernelSize: 1, strides: 2 })).toBeNull();
    expect(build({ filters: 2, kernelSize: 1, activation: 'sigmoid' })).toBeNull();
    expect(build({ filters: 2, kernelSize: [1, 1], useBias: false })).not.toBeNull();
  });
});
