// Conv2DBackpropInput on wasm, through the SIMD loop (4k input channels) and the stock fallback (others), against cpu.
import { Conv2DBackpropInput, backend_util, conv2d } from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PADS, gradientsOn, initWasmAndCpu, randomTensor, relativeError, runKernelOn } from '../../testing';

const TOLERANCE = 1e-4;

describe('wasm Conv2DBackpropInput', () => {
  beforeAll(initWasmAndCpu);

  it('wasm Conv2DBackpropInput - matches cpu for kxk, 1xk and kx1 filters, strides 1 and 2, every padding', async () => {
    const errors: Record<string, number> = {};
    const shapes: [number, number, number, number][] = [[9, 8, 12, 5], [7, 11, 8, 4], [6, 6, 4, 20], [6, 7, 3, 8]];
    const filters: [number, number][] = [[3, 3], [1, 7], [7, 1], [5, 5], [2, 2], [1, 1]];
    for (const [height, width, inChannels, outChannels] of shapes) {
      for (const [fh, fw] of filters) {
        for (const stride of [1, 2, [2, 1]] satisfies (number | [number, number])[]) {
          for (const pad of TEST_PADS) {
            const inputShape: [number, number, number, number] = [2, height, width, inChannels];
            const info = backend_util.computeConv2DInfo(inputShape, [fh, fw, inChannels, outChannels], stride, 1, pad);
            if (info.outHeight <= 0 || info.outWidth <= 0) continue;
            const dy = randomTensor([2, info.outHeight, info.outWidth, outChannels], 41);
            const filter = randomTensor([fh, fw, inChannels, outChannels], 42);
            const attrs = { strides: stride, pad, dataFormat: 'NHWC', inputShape };
            const expected = await runKernelOn('cpu', Conv2DBackpropInput, { dy, filter }, attrs);
            const actual = await runKernelOn('wasm', Conv2DBackpropInput, { dy, filter }, attrs);
            errors[`${height}x${width}x${inChannels}->${outChannels} k${fh}x${fw} s${stride} ${JSON.stringify(pad)}`] = relativeError(actual, expected);
          }
        }
      }
    }
    expect(Object.keys(errors).length).toBeGreaterThan(150);
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(TOLERANCE);
  });

  it('wasm Conv2DBackpropInput - tf.grad of conv2d on wasm matches cpu for the input', async () => {
    for (const [stride, pad] of [[1, 'same'], [2, 'valid'], [2, 'same']] as const) {
      const f = (x: Tensor, w: Tensor) => conv2d(x as Tensor4D, w as Tensor4D, stride, pad);
      const inputs = [randomTensor([2, 9, 8, 4], 51), randomTensor([3, 3, 4, 8], 52)];
      const expected = await gradientsOn('cpu', f, inputs);
      const actual = await gradientsOn('wasm', f, inputs);
      expected.forEach((e, i) => expect(relativeError(actual[i]!, e), `s${stride} ${pad} input ${i}`).toBeLessThanOrEqual(TOLERANCE));
    }
  });
});
