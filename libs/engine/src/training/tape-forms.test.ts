// The engine's tape forms of layers (plain conv, relu6) against the layers' own calls: same values, same gradients.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu } from '../testing';
import { activationLayer } from './tape-activations';
import { runTapeConv, tapeConv } from './tape-conv';
import { maxAbsDiff } from './testing';

describe('tape forms', () => {
  beforeAll(initWasmAndCpu);

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`tape forms - relu6 on ${backend}: values and gradient equal tfjs-layers' relu6, at 0 and 6 too`, async () => {
      await tf.setBackend(backend);
      const layer = tf.layers.activation({ activation: 'relu6' });
      const relu6 = activationLayer(layer)!;
      expect(relu6).not.toBeNull();
      tf.tidy(() => {
        const x = tf.concat([tf.tensor1d([0, 6, -0, 5.999, 6.001, -1e-7]), tf.mul(tf.randomUniform([58], -1, 1, 'float32', 7), 8)]);
        const weights = tf.randomUniform([64], -1, 1, 'float32', 8);
        const loss = (f: (t: tf.Tensor) => tf.Tensor) => (t: tf.Tensor) => tf.sum(tf.mul(f(t), weights));
        const theirs = (t: tf.Tensor) => layer.apply(t) as tf.Tensor;
        expect(maxAbsDiff(relu6(x), theirs(x))).toBe(0);
        expect(maxAbsDiff(tf.grad(loss(relu6))(x), tf.grad(loss(theirs))(x))).toBe(0);
      });
    });
  }

  it('tape forms - a strided conv as plain ops: same output and kernel gradient as the layer, no image gradient', async () => {
    await tf.setBackend('wasm');
    const layer = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', useBias: true, activation: 'relu' });
    const image = tf.randomUniform([2, 9, 9, 3], -1, 1, 'float32', 9);
    layer.apply(image);
    const conv = tapeConv(layer)!;
    expect(conv).not.toBeNull();
    const kernel = conv.kernel.read();
    const loss = (f: () => tf.Tensor) => () => tf.sum(tf.square(f())) as tf.Scalar;
    const ours = tf.variableGrads(loss(() => runTapeConv(image, conv)), [kernel as tf.Variable]);
    const theirs = tf.variableGrads(loss(() => layer.apply(image) as tf.Tensor), [kernel as tf.Variable]);
    expect(Math.abs(ours.value.dataSync()[0]! - theirs.value.dataSync()[0]!)).toBeLessThan(1e-3);
    expect(maxAbsDiff(ours.grads[(kernel as tf.Variable).name]!, theirs.grads[(kernel as tf.Variable).name]!)).toBeLessThan(1e-4);
    // Only the kernel and bias gradients: the image's (Conv2DBackpropInput) is never computed.
    const profile = await tf.profile(() => tf.variableGrads(loss(() => runTapeConv(image, conv)), [kernel as tf.Variable]).value);
    expect(profile.kernelNames).not.toContain('Conv2DBackpropInput');
    tf.dispose([image, ours.value, theirs.value, ...Object.values(ours.grads), ...Object.values(theirs.grads)]);
  });

  it('tape forms - layers the engine has no form for keep their own call', () => {
    expect(activationLayer(tf.layers.activation({ activation: 'tanh' }))).toBeNull();
    expect(tapeConv(tf.layers.dense({ units: 2 }))).toBeNull();
  });
});
