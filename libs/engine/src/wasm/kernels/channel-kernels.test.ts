// Finetune's own per-channel SIMD kernels on wasm against the same sums and maps computed with tfjs ops on cpu.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, positiveTensor, randomTensor, relativeError } from '../../testing';
import type { HostTensor } from '../../testing';
import { BatchMoments } from './BatchMoments';
import { BatchNormGrad } from './BatchNormGrad';
import { Relu6Grad } from './Relu6Grad';

const TOLERANCE = 1e-5;

/** `f` of the inputs as tensors, on `backend`, each output copied out. */
async function run(backend: 'cpu' | 'wasm', inputs: HostTensor[], f: (...t: tf.Tensor[]) => tf.Tensor | tf.Tensor[]): Promise<HostTensor[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = f(...inputs.map((h) => tf.tensor(h.values, h.shape)));
    return (Array.isArray(out) ? out : [out]).map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync()) }));
  });
}

describe('wasm channel kernels', () => {
  beforeAll(initWasmAndCpu);

  it('wasm channel kernels - BatchMoments equals tf.moments over all but the last axis, far from zero too', async () => {
    for (const [shape, offset] of [[[3, 5, 4, 8], 0], [[7, 12], 0], [[4, 6, 6, 16], 1000]] as const) {
      const x = randomTensor([...shape], 91);
      x.values.forEach((v, i) => (x.values[i] = v + offset));
      const axes = shape.slice(0, -1).map((_, i) => i);
      const expected = await run('cpu', [x], (t) => { const m = tf.moments(t!, axes); return [m.mean, m.variance]; });
      const actual = await run('wasm', [x], (t) => tf.engine().runKernel(BatchMoments, { x: t! }) as tf.Tensor[]);
      expected.forEach((e, i) => expect(relativeError(actual[i]!, e), `[${shape}] + ${offset} output ${i}`).toBeLessThanOrEqual(offset ? 1e-4 : TOLERANCE));
    }
  });

  it('wasm channel kernels - BatchNormGrad gives dx, dgamma, dbeta of the closed form, computed by ops on cpu', async () => {
    const shape = [2, 3, 5, 12];
    const inputs = [randomTensor(shape, 94), randomTensor(shape, 95), randomTensor([12], 96), positiveTensor([12], 97), positiveTensor([12], 98)];
    const expected = await run('cpu', inputs, (x, dy, mean, variance, gamma) => {
      const s1 = tf.sum(dy!, [0, 1, 2]);
      const s2 = tf.sum(tf.mul(dy!, tf.sub(x!, mean!)), [0, 1, 2]);
      const rstd = tf.rsqrt(tf.add(variance!, 0.001));
      const n = 2 * 3 * 5;
      const xhat = tf.mul(tf.sub(x!, mean!), rstd);
      const dx = tf.mul(tf.mul(gamma!, rstd), tf.sub(tf.sub(dy!, tf.div(s1, n)), tf.mul(xhat, tf.div(tf.mul(rstd, s2), n))));
      return [dx, tf.mul(rstd, s2), s1];
    });
    const actual = await run('wasm', inputs, (x, dy, mean, variance, gamma) =>
      tf.engine().runKernel(BatchNormGrad, { x: x!, dy: dy!, mean: mean!, variance: variance!, gamma: gamma! }, { varianceEpsilon: 0.001 }) as tf.Tensor[]);
    expected.forEach((e, i) => expect(relativeError(actual[i]!, e), `output ${i}`).toBeLessThanOrEqual(1e-4));
  });

  it('wasm channel kernels - Relu6Grad passes dy strictly inside (0, 6) only, ties at 0 and 6 included', async () => {
    const x = randomTensor([2, 4, 4, 8], 99);
    x.values.forEach((v, i) => (x.values[i] = v * 8)); // (-8, 8): both sides of both bounds
    [x.values[0], x.values[1], x.values[2], x.values[3]] = [0, 6, -0, 5.999];
    const dy = randomTensor([2, 4, 4, 8], 100);
    const [expected] = await run('cpu', [x, dy], (xt, dyt) => tf.mul(dyt!, tf.cast(tf.logicalAnd(tf.greater(xt!, 0), tf.less(xt!, 6)), 'float32')));
    const [actual] = await run('wasm', [x, dy], (xt, dyt) => tf.engine().runKernel(Relu6Grad, { x: xt!, dy: dyt! }) as tf.Tensor);
    // Masked lanes are +0 here and -0 where cpu multiplies a negative dy by 0: equal as numbers.
    const plusZero = (v: number) => v + 0;
    expect(Array.from(actual!.values, plusZero)).toEqual(Array.from(expected!.values, plusZero));
    expect(actual!.values[3]).toBe(dy.values[3]);
  });

  it('wasm channel kernels - inputs they cannot take are errors naming the kernel and the input', async () => {
    const kernel = (name: string, inputs: Record<string, HostTensor>, attrs = {}) =>
      run('wasm', Object.values(inputs), (...ts) => tf.engine().runKernel(name, Object.fromEntries(Object.keys(inputs).map((k, i) => [k, ts[i]!])), attrs) as tf.Tensor);
    await expect(kernel(BatchMoments, { x: randomTensor([2, 3], 1) })).rejects.toThrow(/FinetuneBatchMoments: input x must be channels-last with a multiple of 4 channels/);
    const c4 = randomTensor([4], 2);
    await expect(kernel(BatchNormGrad, { x: randomTensor([2, 4], 1), dy: randomTensor([2, 8], 2), mean: c4, variance: c4, gamma: c4 }, { varianceEpsilon: 0.001 }))
      .rejects.toThrow(/input dy must have shape \[2,4\], got \[2,8\]/);
    await expect(kernel(BatchNormGrad, { x: randomTensor([2, 4], 1), dy: randomTensor([2, 4], 2), mean: c4, variance: c4, gamma: c4 }))
      .rejects.toThrow(/attribute varianceEpsilon must be a number/);
    await expect(kernel(Relu6Grad, { x: randomTensor([3], 1), dy: randomTensor([3], 2) })).rejects.toThrow(/FinetuneRelu6Grad.*multiple of 4 values/);
  });
});
