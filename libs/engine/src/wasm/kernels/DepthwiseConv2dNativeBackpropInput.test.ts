import { DepthwiseConv2dNativeBackpropInput, backend_util } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PADS, dilateFilter, initWasmAndCpu, randomTensor, relativeError, runKernelOn } from '../../testing';
import { KernelArgumentError } from '../kernel-errors';

// The gradient through tf.grad is covered in DepthwiseConv2dNativeBackpropFilter.test.ts, which
// differentiates depthwiseConv2d with respect to both x (this kernel) and the filter.
const TOLERANCE = 1e-4;
const DILATED_PADS: ('same' | 'valid' | backend_util.ExplicitPadding)[] = ['same', 'valid', [[0, 0], [1, 2], [2, 0], [0, 0]]];

describe('DepthwiseConv2dNativeBackpropInput', () => {
  beforeAll(initWasmAndCpu);

  // 8 channels at multiplier 1 take the SIMD pass, 3 channels or multiplier 2 the XNNPACK composition.
  it('DepthwiseConv2dNativeBackpropInput - wasm matches cpu across batch, stride, padding, channels and multiplier', async () => {
    const errors: Record<string, number> = {};
    for (const batch of [1, 3]) {
      for (const stride of [1, 2]) {
        for (const pad of TEST_PADS) {
          for (const [channels, multiplier] of [[3, 1], [3, 2], [8, 1]] as const) {
            for (const [height, width] of [[7, 6], [8, 8]]) {
              const inputShape: [number, number, number, number] = [batch, height, width, channels];
              const info = backend_util.computeConv2DInfo(inputShape, [3, 3, channels, multiplier], stride, 1, pad, undefined, true);
              const dy = randomTensor([batch, info.outHeight, info.outWidth, channels * multiplier], 61);
              const filter = randomTensor([3, 3, channels, multiplier], 62);
              const attrs = { strides: stride, dilations: 1, pad, inputShape };
              const expected = await runKernelOn('cpu', DepthwiseConv2dNativeBackpropInput, { dy, filter }, attrs);
              const actual = await runKernelOn('wasm', DepthwiseConv2dNativeBackpropInput, { dy, filter }, attrs);
              errors[`b${batch} s${stride} ${JSON.stringify(pad)} c${channels} m${multiplier} ${height}x${width}`] = relativeError(actual, expected);
            }
          }
        }
      }
    }
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(TOLERANCE);
  });

  // The cpu kernel ignores dilations; a dilated filter equals the undilated zero-filled one.
  it('DepthwiseConv2dNativeBackpropInput - dilation 2 matches cpu with the zero-filled filter', async () => {
    for (const batch of [1, 3]) {
      for (const pad of DILATED_PADS) {
        for (const [channels, multiplier] of [[2, 1], [2, 2], [4, 1]] as const) {
          const inputShape: [number, number, number, number] = [batch, 8, 7, channels];
          const info = backend_util.computeConv2DInfo(inputShape, [3, 3, channels, multiplier], 1, 2, pad, undefined, true);
          const dy = randomTensor([batch, info.outHeight, info.outWidth, channels * multiplier], 71);
          const filter = randomTensor([3, 3, channels, multiplier], 72);
          const expected = await runKernelOn('cpu', DepthwiseConv2dNativeBackpropInput, { dy, filter: dilateFilter(filter, 2) }, { strides: 1, dilations: 1, pad, inputShape });
          const actual = await runKernelOn('wasm', DepthwiseConv2dNativeBackpropInput, { dy, filter }, { strides: 1, dilations: 2, pad, inputShape });
          expect(relativeError(actual, expected), `b${batch} ${JSON.stringify(pad)} c${channels} m${multiplier}`).toBeLessThanOrEqual(TOLERANCE);
        }
      }
    }
  });

  it('DepthwiseConv2dNativeBackpropInput - names a missing input', async () => {
    const run = runKernelOn('wasm', DepthwiseConv2dNativeBackpropInput, { dy: randomTensor([1, 4, 4, 2], 1) }, { strides: 1, pad: 'same', inputShape: [1, 4, 4, 2] });
    await expect(run).rejects.toThrow(KernelArgumentError);
    await expect(run).rejects.toThrow(/input filter is missing/);
  });
});
