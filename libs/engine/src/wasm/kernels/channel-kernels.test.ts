// Finetune's own per-channel SIMD kernels on wasm against the same sums and maps computed with tfjs ops on cpu.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, randomTensor, relativeError, runKernelOn } from '../../testing';
import type { HostTensor } from '../../testing';
import { BatchNormGradInput } from './BatchNormGradInput';
import { BatchNormGradSums } from './BatchNormGradSums';
import { Relu6Grad } from './Relu6Grad';
import { ShiftedMoments } from './ShiftedMoments';

const TOLERANCE = 1e-5;

/** `f` of the inputs as tensors, on cpu, copied out. */
async function onCpu(inputs: HostTensor[], f: (...t: tf.Tensor[]) => tf.Tensor): Promise<HostTensor> {
  await tf.setBackend('cpu');
  return tf.tidy(() => {
    const out = f(...inputs.map((h) => tf.tensor(h.values, h.shape)));
    return { shape: out.shape, values: Float32Array.from(out.dataSync()) };
  });
}

describe('wasm channel kernels', () => {
  beforeAll(initWasmAndCpu);

  it('wasm channel kernels - BatchNormGradSums is [sum dy, sum dy * (x - mean)] per channel', async () => {
    for (const shape of [[3, 5, 4, 8], [7, 12]]) {
      const c = shape[shape.length - 1]!;
      const [x, dy, mean] = [randomTensor(shape, 91), randomTensor(shape, 92), randomTensor([c], 93)];
      const axes = shape.slice(0, -1).map((_, i) => i);
      const expected = await onCpu([x, dy, mean], (xt, dyt, m) => tf.stack([tf.sum(dyt!, axes), tf.sum(tf.mul(dyt!, tf.sub(xt!, m!)), axes)]));
      const actual = await runKernelOn('wasm', BatchNormGradSums, { x, dy, mean }, {});
      expect(relativeError(actual, expected), `[${shape}]`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('wasm channel kernels - BatchNormGradInput is dy * a + x * b + k per channel', async () => {
    const [x, dy, coefficients] = [randomTensor([2, 3, 5, 12], 94), randomTensor([2, 3, 5, 12], 95), randomTensor([3, 12], 96)];
    const expected = await onCpu([x, dy, coefficients], (xt, dyt, co) => {
      const [a, b, k] = tf.unstack(co!);
      return tf.add(tf.add(tf.mul(dyt!, a!), tf.mul(xt!, b!)), k!);
    });
    const actual = await runKernelOn('wasm', BatchNormGradInput, { x, dy, coefficients }, {});
    expect(relativeError(actual, expected)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('wasm channel kernels - ShiftedMoments is [sum (x - shift), sum (x - shift)^2] per channel', async () => {
    const [x, shift] = [randomTensor([4, 6, 6, 16], 97), randomTensor([16], 98)];
    const expected = await onCpu([x, shift], (xt, s) => {
      const d = tf.sub(xt!, s!);
      return tf.stack([tf.sum(d, [0, 1, 2]), tf.sum(tf.square(d), [0, 1, 2])]);
    });
    const actual = await runKernelOn('wasm', ShiftedMoments, { x, shift }, {});
    expect(relativeError(actual, expected)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('wasm channel kernels - Relu6Grad passes dy strictly inside (0, 6) only, ties at 0 and 6 included', async () => {
    const x = randomTensor([2, 4, 4, 8], 99);
    x.values.forEach((v, i) => (x.values[i] = v * 8)); // (-8, 8): both sides of both bounds
    [x.values[0], x.values[1], x.values[2], x.values[3]] = [0, 6, -0, 5.999];
    const dy = randomTensor([2, 4, 4, 8], 100);
    const expected = await onCpu([x, dy], (xt, dyt) => tf.mul(dyt!, tf.cast(tf.logicalAnd(tf.greater(xt!, 0), tf.less(xt!, 6)), 'float32')));
    const actual = await runKernelOn('wasm', Relu6Grad, { x, dy }, {});
    // Masked lanes are +0 here and -0 where cpu multiplies a negative dy by 0: equal as numbers.
    const plusZero = (v: number) => v + 0;
    expect(Array.from(actual.values, plusZero)).toEqual(Array.from(expected.values, plusZero));
    expect(actual.values[3]).toBe(dy.values[3]);
  });

  it('wasm channel kernels - inputs they cannot take are errors naming the kernel and the input', async () => {
    const odd = randomTensor([2, 3], 101);
    await expect(runKernelOn('wasm', BatchNormGradSums, { x: odd, dy: odd, mean: randomTensor([3], 1) }, {}))
      .rejects.toThrow(/FinetuneBatchNormGradSums.*input x.*multiple of 4 channels/);
    await expect(runKernelOn('wasm', BatchNormGradInput, { x: randomTensor([2, 4], 1), dy: randomTensor([2, 8], 2), coefficients: randomTensor([3, 4], 3) }, {}))
      .rejects.toThrow(/input dy must have shape \[2,4\], got \[2,8\]/);
    await expect(runKernelOn('wasm', Relu6Grad, { x: randomTensor([3], 1), dy: randomTensor([3], 2) }, {}))
      .rejects.toThrow(/FinetuneRelu6Grad.*multiple of 4 values/);
  });
});
