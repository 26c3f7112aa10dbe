// Minimum on wasm, through the clamp and through the stock fallback, against the cpu backend.
import { Minimum } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, randomTensor, runKernelOn } from '../../testing';
import type { HostTensor } from '../../testing';

function host(values: number[], shape: number[]): HostTensor {
  return { shape, values: Float32Array.from(values) };
}

describe('wasm Minimum', () => {
  beforeAll(initWasmAndCpu);

  it('wasm Minimum - a scalar on either side, of any rank the tensor has, equals cpu exactly', async () => {
    const x = randomTensor([2, 3, 4, 5], 71);
    x.values[0] = Number.NEGATIVE_INFINITY;
    x.values[1] = Number.POSITIVE_INFINITY;
    x.values[2] = 0.5;
    for (const bound of [host([0.5], []), host([0.5], [1]), host([-0.25], [1, 1, 1, 1])]) {
      for (const inputs of [{ a: bound, b: x }, { a: x, b: bound }]) {
        const expected = await runKernelOn('cpu', Minimum, inputs, {});
        const actual = await runKernelOn('wasm', Minimum, inputs, {});
        expect(actual.shape).toEqual(expected.shape);
        expect(Array.from(actual.values)).toEqual(Array.from(expected.values));
      }
    }
  });

  it('wasm Minimum - tensors, a higher-rank scalar and an infinite bound fall back to the stock kernel', async () => {
    const x = randomTensor([3, 4], 72);
    const cases = [
      { a: x, b: randomTensor([3, 4], 73) },
      { a: x, b: randomTensor([4], 74) },
      { a: host([0.5], [1, 1, 1]), b: x },
      { a: host([Number.POSITIVE_INFINITY], []), b: x },
    ];
    for (const inputs of cases) {
      const expected = await runKernelOn('cpu', Minimum, inputs, {});
      const actual = await runKernelOn('wasm', Minimum, inputs, {});
      expect(actual.shape).toEqual(expected.shape);
      expect(Array.from(actual.values)).toEqual(Array.from(expected.values));
    }
  });
});
