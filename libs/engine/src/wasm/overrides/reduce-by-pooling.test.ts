// Sum and Mean on wasm, through average pooling and through the stock fallback, against the cpu backend.
import { Mean, Sum, getKernel } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, randomTensor, relativeError, runKernelOn } from '../../testing';
import { registerWasmKernels } from '../register-wasm-kernels';
import { reductionBlock } from './reduce-by-pooling';

const TOLERANCE = 1e-5;
const SHAPE = [3, 5, 4, 6];
/** Leading, middle and single axes (the pooled form), then innermost, split and negative ones (stock or pooled). */
const AXES: (number | number[])[] = [[0, 1, 2], [0], [1, 2], [1], [0, 1], [2, 1], [3], [1, 3], [0, 2], -2, [0, 1, 2, 3]];

describe('wasm reductions', () => {
  beforeAll(initWasmAndCpu);

  for (const kernel of [Sum, Mean]) {
    it(`wasm reductions - ${kernel} equals cpu over every axis set, with and without keepDims`, async () => {
      const x = randomTensor(SHAPE, 61);
      for (const axis of AXES) {
        for (const keepDims of [false, true]) {
          const expected = await runKernelOn('cpu', kernel, { x }, { axis, keepDims });
          const actual = await runKernelOn('wasm', kernel, { x }, { axis, keepDims });
          expect(relativeError(actual, expected), `axis ${JSON.stringify(axis)} keepDims ${keepDims}`).toBeLessThanOrEqual(TOLERANCE);
        }
      }
    });
  }

  it('wasm reductions - a long reduction (as over N,H,W of an activation) stays within 1e-5 of cpu', async () => {
    const x = randomTensor([4, 40, 40, 8], 62);
    for (const kernel of [Sum, Mean]) {
      const expected = await runKernelOn('cpu', kernel, { x }, { axis: [0, 1, 2], keepDims: false });
      const actual = await runKernelOn('wasm', kernel, { x }, { axis: [0, 1, 2], keepDims: false });
      expect(relativeError(actual, expected), kernel).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('wasm reductions - only adjacent float32 axes short of the innermost take the pooled form', () => {
    const x = { dataId: {}, shape: SHAPE, dtype: 'float32' as const };
    expect(reductionBlock(x, { axis: [0, 1, 2] })).toEqual({ outer: 1, reduced: 60, inner: 6, outShape: [6] });
    expect(reductionBlock(x, { axis: [2, 1], keepDims: true })).toEqual({ outer: 3, reduced: 20, inner: 6, outShape: [3, 1, 1, 6] });
    expect(reductionBlock(x, { axis: [3] })).toBeUndefined();
    expect(reductionBlock(x, { axis: [0, 2] })).toBeUndefined();
    expect(reductionBlock({ ...x, dtype: 'int32' }, { axis: [0] })).toBeUndefined();
    expect(reductionBlock({ ...x, shape: [1, 5, 6] }, { axis: [0] })).toBeUndefined();
  });

  it('wasm reductions - registering again keeps the one replacement', () => {
    const before = [getKernel(Sum, 'wasm'), getKernel(Mean, 'wasm')];
    expect(registerWasmKernels()).toEqual([]);
    expect([getKernel(Sum, 'wasm'), getKernel(Mean, 'wasm')]).toEqual(before);
  });
});
