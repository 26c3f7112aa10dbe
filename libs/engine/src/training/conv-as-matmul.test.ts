// The matmul form of 1x1 and full-window convolutions against tfjs's conv2d layer: same values, same gradients.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { convAsMatMul, runConvAsMatMul } from './conv-as-matmul';
import { maxAbsDiff } from './testing';

/** A built layer and its matmul form for `x`, checked against the layer's own call: values and weight gradients. */
function expectSameAsLayer(args: Parameters<typeof tf.layers.conv2d>[0], x: tf.Tensor, kind: string) {
  const layer = tf.layers.conv2d(args);
  const expected = layer.apply(x) as tf.Tensor;
  const conv = convAsMatMul(layer, x.shape);
  expect(conv?.kind).toBe(kind);
  const actual = runConvAsMatMul(x, conv!);
  expect(actual.shape).toEqual(expected.shape);
  expect(maxAbsDiff(actual, expected)).toBeLessThan(1e-5);
  const vars = layer.weights.map((w) => w.read());
  const loss = (f: () => tf.Tensor) => () => tf.sum(tf.square(f())) as tf.Scalar;
  const ours = tf.engine().gradients(loss(() => runConvAsMatMul(x, conv!)), [x, ...vars]).grads;
  const theirs = tf.engine().gradients(loss(() => layer.apply(x) as tf.Tensor), [x, ...vars]).grads;
  ours.forEach((g, i) => expect(maxAbsDiff(g, theirs[i]!)).toBeLessThan(1e-4));
  tf.dispose([expected, actual, ...ours, ...theirs]);
}

describe('conv as matmul', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('conv as matmul - a 1x1 conv with bias and relu6 equals the layer, values and gradients', () => {
    const x = tf.randomUniform([2, 3, 4, 6], -2, 2, 'float32', 3);
    expectSameAsLayer({ name: 'Net/Conv2d_1x1', filters: 5, kernelSize: 1, activation: 'relu6', biasInitializer: 'ones' }, x, 'pointwise');
    x.dispose();
  });

  it('conv as matmul - a VALID conv whose kernel is the whole input (AuxLogits Conv2d_2a_5x5) equals the layer', () => {
    const x = tf.randomUniform([3, 5, 4, 6], -2, 2, 'float32', 4);
    expectSameAsLayer({ name: 'Net/Conv2d_2a_5x4', filters: 7, kernelSize: [5, 4], padding: 'valid', useBias: false, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }, x, 'full-window');
    expectSameAsLayer({ name: 'Net/Conv2d_2a_5x4_s2', filters: 2, kernelSize: [5, 4], strides: 2, padding: 'valid', activation: 'relu', biasInitializer: 'ones' }, x, 'full-window');
    x.dispose();
  });

  it('conv as matmul - other kernels, strides, paddings and dilations keep the layer call', () => {
    const build = (args: Parameters<typeof tf.layers.conv2d>[0], shape = [1, 8, 8, 3]) => {
      const layer = tf.layers.conv2d(args);
      layer.apply(tf.input({ shape: shape.slice(1) }));
      return convAsMatMul(layer, shape);
    };
    expect(build({ filters: 2, kernelSize: 3 })).toBeNull();
    expect(build({ filters: 2, kernelSize: 1, strides: 2 })).toBeNull();
    expect(build({ filters: 2, kernelSize: 1, activation: 'sigmoid' })).toBeNull();
    expect(build({ filters: 2, kernelSize: 8, padding: 'same' })).toBeNull();
    expect(build({ filters: 2, kernelSize: 3, padding: 'valid' }, [1, 3, 4, 3])).toBeNull();
    expect(build({ filters: 2, kernelSize: 3, dilationRate: 2, padding: 'valid' }, [1, 3, 3, 3])).toBeNull();
    expect(build({ filters: 2, kernelSize: [1, 1], useBias: false })?.kind).toBe('pointwise');
    expect(build({ filters: 2, kernelSize: 8, padding: 'valid' })?.kind).toBe('full-window');
  });
});
