import { DepthwiseConv2dNativeBackpropFilter, backend_util, depthwiseConv2d } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PADS, gradientsOn, initWasmAndCpu, randomTensor, relativeError, runKernelOn, undilateFilter } from '../../testing';

const TOLERANCE = 1e-4;
const DILATED_PADS: ('same' | 'valid' | backend_util.ExplicitPadding)[] = ['same', 'valid', [[0, 0], [1, 2], [2, 0], [0, 0]]];

describe('DepthwiseConv2dNativeBackpropFilter', () => {
  beforeAll(initWasmAndCpu);

  // 8 channels at multiplier 1 take the SIMD pass, 3 channels or multiplier 2 the XNNPACK composition.
  it('DepthwiseConv2dNativeBackpropFilter - wasm matches cpu across batch, stride, padding, channels and multiplier', async () => {
    const errors: Record<string, number> = {};
    for (const batch of [1, 3]) {
      for (const stride of [1, 2]) {
        for (const pad of TEST_PADS) {
          for (const [channels, multiplier] of [[3, 1], [3, 2], [8, 1], [8, 2]] as const) {
            const filterShape: [number, number, number, number] = [3, 3, channels, multiplier];
            const info = backend_util.computeConv2DInfo([batch, 7, 6, channels], filterShape, stride, 1, pad, undefined, true);
            const x = randomTensor([batch, 7, 6, channels], 31);
            const dy = randomTensor([batch, info.outHeight, info.outWidth, channels * multiplier], 32);
            const attrs = { strides: stride, dilations: 1, pad, filterShape };
            const expected = await runKernelOn('cpu', DepthwiseConv2dNativeBackpropFilter, { x, dy }, attrs);
            const actual = await runKernelOn('wasm', DepthwiseConv2dNativeBackpropFilter, { x, dy }, attrs);
            errors[`b${batch} s${stride} ${JSON.stringify(pad)} c${channels} m${multiplier}`] = relativeError(actual, expected);
          }
        }
      }
    }
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(TOLERANCE);
  });

  // The cpu kernel ignores dilations, so the reference is its undilated gradient for the
  // zero-filled 5x5 filter, of which a dilation-2 3x3 filter owns every second tap.
  it('DepthwiseConv2dNativeBackpropFilter - dilation 2 matches the undilated gradient of the dilated filter', async () => {
    for (const batch of [1, 3]) {
      for (const pad of DILATED_PADS) {
        for (const [channels, multiplier] of [[2, 1], [2, 2], [4, 1]] as const) {
          const info = backend_util.computeConv2DInfo([batch, 8, 7, channels], [3, 3, channels, multiplier], 1, 2, pad, undefined, true);
          const x = randomTensor([batch, 8, 7, channels], 41);
          const dy = randomTensor([batch, info.outHeight, info.outWidth, channels * multiplier], 42);
          const reference = await runKernelOn('cpu', DepthwiseConv2dNativeBackpropFilter, { x, dy }, { strides: 1, dilations: 1, pad, filterShape: [5, 5, channels, multiplier] });
          const actual = await runKernelOn('wasm', DepthwiseConv2dNativeBackpropFilter, { x, dy }, { strides: 1, dilations: 2, pad, filterShape: [3, 3, channels, multiplier] });
          expect(relativeError(actual, undilateFilter(reference, 2)), `b${batch} ${JSON.stringify(pad)} c${channels} m${multiplier}`).toBeLessThanOrEqual(TOLERANCE);
        }
      }
    }
  });

  it('DepthwiseConv2dNativeBackpropFilter - tf.grad of depthwiseConv2d on wasm matches cpu', async () => {
    for (const [stride, pad, channels, multiplier] of [[1, 'same', 3, 1], [2, 'valid', 3, 2], [2, 'same', 3, 1], [2, 'same', 4, 1]] as const) {
      const f = (x: Tensor, w: Tensor) => depthwiseConv2d(x as Tensor4D, w as Tensor4D, stride, pad);
      const inputs = [randomTensor([2, 8, 7, channels], 51), randomTensor([3, 3, channels, multiplier], 52)];
      const expected = await gradientsOn('cpu', f, inputs);
      const actual = await gradientsOn('wasm', f, inputs);
      expected.forEach((e, i) => expect(relativeError(actual[i]!, e), `s${stride} ${pad} c${channels} m${multiplier} input ${i}`).toBeLessThanOrEqual(TOLERANCE));
    }
  });
});
