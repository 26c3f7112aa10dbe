import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldBatchNorm } from './fold-batch-norm';
import { getNet } from './nets-factory';
import { randomiseBatchNorm, useWasm } from './testing';

beforeAll(useWasm);

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('fold batch norm', () => {
  it('fold batch norm - a folded mobilenet_v2 has no batch norm and the same logits within 1e-4', async () => {
    const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 64, depthMultiplier: 0.35 });
    randomiseBatchNorm(net.model, 7);
    const { model, folded } = await foldBatchNorm(net.model);
    expect(model.layers.some((l) => l.getClassName() === 'BatchNormalization')).toBe(false);
    expect(folded).toContain('MobilenetV2/Conv/BatchNorm');
    expect(folded).toContain('MobilenetV2/expanded_conv/depthwise/BatchNorm');
    const x = tf.randomUniform([2, 64, 64, 3], -1, 1, 'float32', 3);
    const before = net.model.predict(x) as tf.Tensor;
    const after = model.predict(x) as tf.Tensor;
    expect(maxAbsDiff(before, after)).toBeLessThan(1e-4);
    expect(model.countParams()).toBeLessThan(net.model.countParams());
    tf.dispose([x, before, after]);
    model.dispose();
    net.model.dispose();
  });

  it('fold batch norm - a conv with biases, no gamma and a depthwise multiplier of 2 fold exactly too', async () => {
    // inception_v3's batch norms have no gamma; depthwise multipliers above 1 order channels in·m + k.
    const input = tf.input({ shape: [12, 12, 3] });
    let x = tf.layers.conv2d({ filters: 4, kernelSize: 3, useBias: true, biasInitializer: 'randomNormal', name: 'a' }).apply(input) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ scale: false, epsilon: 0.001, name: 'a/BatchNorm' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, useBias: false, padding: 'same', name: 'b' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ epsilon: 1e-5, name: 'b/BatchNorm' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.activation({ activation: 'relu6', name: 'b/Relu6' }).apply(x) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: x });
    randomiseBatchNorm(m, 11);
    const { model, folded } = await foldBatchNorm(m);
    expect(folded).toEqual(['a/BatchNorm', 'b/BatchNorm']);
    const inputs = tf.randomUniform([2, 12, 12, 3], -1, 1, 'float32', 5);
    const before = m.predict(inputs) as tf.Tensor;
    const after = model.predict(inputs) as tf.Tensor;
    expect(maxAbsDiff(before, after)).toBeLessThan(1e-4);
    tf.dispose([inputs, before, after]);
  });

  it('fold batch norm - a batch norm after a conv with an activation is left alone', async () => {
    const input = tf.input({ shape: [8, 8, 2] });
    const conv = tf.layers.conv2d({ filters: 3, kernelSize: 3, activation: 'relu', name: 'c' }).apply(input) as tf.SymbolicTensor;
    const bn = tf.layers.batchNormalization({ name: 'bn' }).apply(conv) as tf.SymbolicTensor;
    const m = tf.model({ inputs: input, outputs: bn });
    const { model, folded } = await foldBatchNorm(m);
    expect(folded).toEqual([]);
    expect(model.layers.map((l) => l.name)).toEqual(['input1', 'c', 'bn'].map((n, i) => (i === 0 ? m.layers[0]!.name : n)));
  });
});
