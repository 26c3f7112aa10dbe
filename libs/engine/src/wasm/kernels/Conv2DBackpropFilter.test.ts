import { Conv2DBackpropFilter, backend_util, conv2d } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PADS, gradientsOn, initWasmAndCpu, randomTensor, relativeError, runKernelOn } from '../../testing';
import { KernelArgumentError } from '../kernel-errors';

// tfjs's Conv2DBackpropFilter has no dilations attribute (conv2d gradients require dilation 1),
// so dilation is not a case here.
const TOLERANCE = 1e-4;

describe('Conv2DBackpropFilter', () => {
  beforeAll(initWasmAndCpu);

  it('Conv2DBackpropFilter - wasm matches cpu across batch, stride, padding and filter size', async () => {
    const errors: Record<string, number> = {};
    for (const batch of [1, 3]) {
      for (const stride of [1, 2]) {
        for (const pad of TEST_PADS) {
          for (const size of [1, 3]) {
            const filterShape: [number, number, number, number] = [size, size, 3, 4];
            const info = backend_util.computeConv2DInfo([batch, 7, 6, 3], filterShape, stride, 1, pad);
            const x = randomTensor([batch, 7, 6, 3], 11);
            const dy = randomTensor([batch, info.outHeight, info.outWidth, 4], 12);
            const attrs = { strides: stride, pad, dataFormat: 'NHWC', filterShape };
            const expected = await runKernelOn('cpu', Conv2DBackpropFilter, { x, dy }, attrs);
            const actual = await runKernelOn('wasm', Conv2DBackpropFilter, { x, dy }, attrs);
            errors[`b${batch} s${stride} ${JSON.stringify(pad)} k${size}`] = relativeError(actual, expected);
          }
        }
      }
    }
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(TOLERANCE);
  });

  it('Conv2DBackpropFilter - the SIMD loop matches cpu for kxk, 1xk and kx1 filters, channel tails, strides and pads', async () => {
    const errors: Record<string, number> = {};
    // [height, width, in channels, out channels]: channel counts off the 4-by-8 register block, both ways.
    const shapes: [number, number, number, number][] = [[9, 8, 5, 12], [7, 11, 8, 4], [6, 6, 3, 20]];
    const filters: [number, number][] = [[3, 3], [1, 7], [7, 1], [5, 5], [1, 3], [2, 2]];
    for (const [height, width, inChannels, outChannels] of shapes) {
      for (const [fh, fw] of filters) {
        for (const stride of [1, 2, [2, 1]] satisfies (number | [number, number])[]) {
          for (const pad of TEST_PADS) {
            const filterShape: [number, number, number, number] = [fh, fw, inChannels, outChannels];
            const info = backend_util.computeConv2DInfo([2, height, width, inChannels], filterShape, stride, 1, pad);
            if (info.outHeight <= 0 || info.outWidth <= 0) continue;
            const x = randomTensor([2, height, width, inChannels], 31);
            const dy = randomTensor([2, info.outHeight, info.outWidth, outChannels], 32);
            const attrs = { strides: stride, pad, dataFormat: 'NHWC', filterShape };
            const expected = await runKernelOn('cpu', Conv2DBackpropFilter, { x, dy }, attrs);
            const actual = await runKernelOn('wasm', Conv2DBackpropFilter, { x, dy }, attrs);
            errors[`${height}x${width}x${inChannels}->${outChannels} k${fh}x${fw} s${stride} ${JSON.stringify(pad)}`] = relativeError(actual, expected);
          }
        }
      }
    }
    expect(Object.keys(errors).length).toBeGreaterThan(200);
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(TOLERANCE);
  });

  it('Conv2DBackpropFilter - tf.grad of conv2d on wasm matches cpu', async () => {
    for (const [stride, pad] of [[1, 'same'], [2, 'valid'], [2, 'same']] as const) {
      const f = (x: Tensor, w: Tensor) => conv2d(x as Tensor4D, w as Tensor4D, stride, pad);
      const inputs = [randomTensor([2, 8, 7, 3], 21), randomTensor([3, 3, 3, 5], 22)];
      const expected = await gradientsOn('cpu', f, inputs);
      const actual = await gradientsOn('wasm', f, inputs);
      expected.forEach((e, i) => expect(relativeError(actual[i]!, e), `s${stride} ${pad} input ${i}`).toBeLessThanOrEqual(TOLERANCE));
    }
  });

  it('Conv2DBackpropFilter - rejects a dy whose shape does not fit x and the filter', async () => {
    const x = randomTensor([1, 5, 5, 2], 1);
    const dy = randomTensor([1, 4, 4, 3], 2);
    const run = runKernelOn('wasm', Conv2DBackpropFilter, { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 3] });
    await expect(run).rejects.toThrow(KernelArgumentError);
    await expect(run).rejects.toThrow(/input dy must have shape \[1,5,5,3\]/);
  });

  it('Conv2DBackpropFilter - rejects NCHW, which the wasm convolutions do not support', async () => {
    const x = randomTensor([1, 2, 5, 5], 1);
    const dy = randomTensor([1, 3, 5, 5], 2);
    const run = runKernelOn('wasm', Conv2DBackpropFilter, { x, dy }, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] });
    await expect(run).rejects.toThrow(/dataFormat must be NHWC/);
  });
});
