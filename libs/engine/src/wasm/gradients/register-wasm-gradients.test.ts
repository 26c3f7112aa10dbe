// The replacement gradients against tfjs-core's own, on cpu and wasm, called directly and through tf.grad.
import * as tf from '@tensorflow/tfjs';
import { BatchMatMul, FusedBatchNorm, Mean, Minimum, Relu, Square, getGradient } from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, randomTensor } from '../../testing';
import { batchMatMulGradConfig } from './BatchMatMul_grad';
import { fusedBatchNormGradConfig } from './FusedBatchNorm_grad';
import { meanGradConfig } from './Mean_grad';
import { minimumGradConfig } from './Minimum_grad';
import { reluGradConfig } from './Relu_grad';
import { squareGradConfig } from './Square_grad';
import { registerWasmGradients } from './register-wasm-gradients';

const TOLERANCE = 1e-5;

function t(shape: number[], seed: number): Tensor {
  const host = randomTensor(shape, seed);
  return tf.tensor(host.values, shape);
}

/** max |a - b| over every named gradient both configs return. */
function compare(ours: GradConfig, theirs: GradConfig, dy: Tensor, saved: Tensor[], attrs: NamedAttrMap): Record<string, number> {
  return tf.tidy(() => {
    const a = ours.gradFunc(dy, saved, attrs);
    const b = theirs.gradFunc(dy, saved, attrs);
    const errors: Record<string, number> = {};
    for (const name of Object.keys(b)) {
      const mine = a[name]?.();
      const expected = b[name]!();
      errors[name] = mine && tf.util.arraysEqual(mine.shape, expected.shape) ? tf.max(tf.abs(tf.sub(mine, expected))).dataSync()[0]! : Infinity;
    }
    return errors;
  });
}

// tfjs-core's own gradients, taken before the wasm backend's loader puts ours in their place.
const stockMatMul: GradConfig = getGradient(BatchMatMul)!;
const stockBatchNorm: GradConfig = getGradient(FusedBatchNorm)!;
const stockMean: GradConfig = getGradient(Mean)!;
const stockMinimum: GradConfig = getGradient(Minimum)!;
const stockRelu: GradConfig = getGradient(Relu)!;
const stockSquare: GradConfig = getGradient(Square)!;

describe('wasm gradients', () => {
  beforeAll(async () => {
    await initWasmAndCpu();
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it(`wasm gradients - BatchMatMul equals tfjs-core's for every transpose combination on ${backend}`, async () => {
      await tf.setBackend(backend);
      for (const transposeA of [false, true]) {
        for (const transposeB of [false, true]) {
          const a = t(transposeA ? [2, 5, 3] : [2, 3, 5], 1);
          const b = t(transposeB ? [2, 4, 5] : [2, 5, 4], 2);
          const dy = t([2, 3, 4], 3);
          const errors = compare(batchMatMulGradConfig, stockMatMul, dy, [a, b], { transposeA, transposeB });
          for (const [name, error] of Object.entries(errors)) expect(error, `${name} tA=${transposeA} tB=${transposeB}`).toBeLessThan(TOLERANCE);
          tf.dispose([a, b, dy]);
        }
      }
    });

    it(`wasm gradients - FusedBatchNorm equals tfjs-core's with and without scale (4-D x, per-channel statistics as the nets use) on ${backend}`, async () => {
      await tf.setBackend(backend);
      const cases: [number[], number[], boolean][] = [
        [[2, 3, 4, 5], [5], true],
        [[2, 3, 4, 5], [5], false],
      ];
      for (const [xShape, statShape, withScale] of cases) {
        const x = t(xShape, 4);
        const mean = t(statShape, 5);
        const variance = tf.tidy(() => tf.add(tf.abs(t(statShape, 6)), 0.5));
        const scale = withScale ? t(statShape, 7) : undefined;
        const dy = t(xShape, 8);
        const saved = scale ? [x, mean, variance, scale] : [x, mean, variance];
        const errors = compare(fusedBatchNormGradConfig, stockBatchNorm, dy, saved, { varianceEpsilon: 0.001 });
        for (const [name, error] of Object.entries(errors)) expect(error, `${name} ${xShape} ${statShape} scale=${withScale}`).toBeLessThan(TOLERANCE);
        tf.dispose([x, mean, variance, dy, ...(scale ? [scale] : [])]);
      }
    });
    it(`wasm gradients - Mean equals tfjs-core's for leading, inner, single and all axes, with keepDims, on ${backend}`, async () => {
      await tf.setBackend(backend);
      const x = t([2, 3, 4, 5], 14);
      const cases: [number | number[], boolean][] = [[[0, 1, 2], false], [[1, 2], true], [3, false], [-1, true], [[0, 1, 2, 3], false]];
      for (const [axis, keepDims] of cases) {
        const dy = tf.tidy(() => tf.mean(x, axis, keepDims));
        const errors = compare(meanGradConfig, stockMean, dy, [x], { axis, keepDims });
        expect(errors['x'], `axis ${JSON.stringify(axis)} keepDims ${keepDims}`).toBeLessThan(1e-7);
        dy.dispose();
      }
      x.dispose();
    });

    it(`wasm gradients - Relu, Minimum and Square equal tfjs-core's exactly, ties and infinities included, on ${backend}`, async () => {
      await tf.setBackend(backend);
      // Values at the kinks (0, and 6 = the relu6 bound), both infinities, then random ones spanning the clamp.
      const special = [0, 6, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5.999999, 6.000001, 1e-40];
      const values = Float32Array.from({ length: 40 }, (_, i) => special[i] ?? (randomTensor([1], i).values[0]! * 8));
      const x = tf.tensor(values, [2, 4, 5]);
      const dy = t([2, 4, 5], 13);
      const bound = tf.scalar(6);
      const cases: [GradConfig, GradConfig, Tensor[]][] = [
        [reluGradConfig, stockRelu, [x]],
        [squareGradConfig, stockSquare, [x]],
        [minimumGradConfig, stockMinimum, [bound, x]],
        [minimumGradConfig, stockMinimum, [x, tf.reverse(x)]],
      ];
      for (const [ours, theirs, saved] of cases) {
        const names = ours !== minimumGradConfig ? ['x'] : saved[0] === bound ? ['b'] : ['a', 'b'];
        for (const name of names) {
          const mine = tf.tidy(() => ours.gradFunc(dy, saved, {})[name]!().dataSync().slice());
          const expected = tf.tidy(() => theirs.gradFunc(dy, saved, {})[name]!().dataSync().slice());
          expect(Array.from(mine), `${ours.kernelName} ${name}`).toEqual(Array.from(expected));
        }
      }
      tf.dispose([x, dy, bound]);
    });
  }

  it('wasm gradients - after registering, tf.grad through moments, batchNorm and matMul on wasm matches cpu', async () => {
    // Choosing the wasm backend registered them already; registering again changes nothing.
    expect(stockMatMul).not.toBe(batchMatMulGradConfig);
    expect(getGradient(BatchMatMul)).toBe(batchMatMulGradConfig);
    expect(getGradient(FusedBatchNorm)).toBe(fusedBatchNormGradConfig);
    expect(getGradient(Mean)).toBe(meanGradConfig);
    expect(getGradient(Minimum)).toBe(minimumGradConfig);
    expect(getGradient(Relu)).toBe(reluGradConfig);
    expect(getGradient(Square)).toBe(squareGradConfig);
    expect(registerWasmGradients()).toEqual([]);
    // tfjs's tape cannot differentiate a batchNorm without offset at all; the nets always have beta.
    const f = (x: Tensor, w: Tensor, gamma: Tensor, beta: Tensor) => {
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      const y = tf.batchNorm(x, mean, variance, beta, gamma, 0.001);
      return tf.sum(tf.square(tf.matMul(tf.reshape(y, [-1, 5]), w)));
    };
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const inputs = [t([2, 3, 4, 5], 9), t([5, 3], 10), t([5], 11), t([5], 12)];
        return tf.grads(f)(inputs).map((g) => g.dataSync().slice());
      });
    };
    const expected = await run('cpu');
    const actual = await run('wasm');
    actual.forEach((g, i) => {
      const scale = Math.max(...expected[i]!.map(Math.abs));
      const error = Math.max(...g.map((v, k) => Math.abs(v - expected[i]![k]!)));
      expect(error / scale, `input ${i}`).toBeLessThan(1e-4);
    });
  });
});
