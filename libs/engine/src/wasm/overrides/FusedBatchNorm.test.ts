// FusedBatchNorm on wasm, through the SIMD pass and through the stock fallback, against the cpu backend.
import { FusedBatchNorm } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, positiveTensor, randomTensor, relativeError, runKernelOn } from '../../testing';
import type { HostTensor } from '../../testing';

const TOLERANCE = 1e-5;

describe('wasm FusedBatchNorm', () => {
  beforeAll(initWasmAndCpu);

  it('wasm FusedBatchNorm - per-channel parameters, present or absent, [C] or [1,1,1,C], match cpu', async () => {
    for (const channels of [8, 3]) {
      for (const paramShape of [[channels], [1, 1, 1, channels]]) {
        for (const withParams of [true, false]) {
          const inputs: Record<string, HostTensor> = {
            x: randomTensor([2, 5, 3, channels], 81),
            mean: randomTensor(paramShape, 82),
            variance: positiveTensor(paramShape, 83),
            ...(withParams ? { offset: randomTensor(paramShape, 84), scale: randomTensor(paramShape, 85) } : {}),
          };
          const expected = await runKernelOn('cpu', FusedBatchNorm, inputs, { varianceEpsilon: 0.001 });
          const actual = await runKernelOn('wasm', FusedBatchNorm, inputs, { varianceEpsilon: 0.001 });
          expect(relativeError(actual, expected), `c${channels} [${paramShape}] params ${withParams}`).toBeLessThanOrEqual(TOLERANCE);
        }
      }
    }
  });

  // [1, C, 1, 1] varies along axis 1: the SIMD pass would apply it along the last axis, so the stock kernel runs.
  it('wasm FusedBatchNorm - parameters along another axis go to the stock kernel and still match cpu', async () => {
    const inputs = { x: randomTensor([2, 4, 3, 4], 86), mean: randomTensor([1, 4, 1, 1], 87), variance: positiveTensor([1, 4, 1, 1], 88) };
    const expected = await runKernelOn('cpu', FusedBatchNorm, inputs, { varianceEpsilon: 0.01 });
    const actual = await runKernelOn('wasm', FusedBatchNorm, inputs, { varianceEpsilon: 0.01 });
    expect(relativeError(actual, expected)).toBeLessThanOrEqual(TOLERANCE);
  });
});
