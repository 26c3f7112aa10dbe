// Conv2DBackpropInput on wasm as one SIMD tap loop over dy and the filter (dense-input-tap-loop): wasm's own kernel
// is a scalar loop over every (pixel, tap, channel pair), 4-13x the forward convolution on InceptionV3's layers.
import { Conv2DBackpropInput, Transpose, backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { kernelBackend, padAttr, pairAttr, roundingAttr, shapeAttr } from '../kernel-args';
import type { KernelOverride } from '../kernel-override';
import { KernelScope } from '../kernel-scope';
import { denseInputGradient, denseInputTapLoopCovers } from '../simd/dense-input-tap-loop';
import { wasmHeap } from '../simd/wasm-heap-access';

function override(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { dy, filter } = args.inputs;
    const attrs = args.attrs ?? {};
    const format = attrs['dataFormat'];
    if (!dy || !filter || dy.dtype !== 'float32' || filter.dtype !== 'float32' || dy.shape.length !== 4 || filter.shape.length !== 4) return stock.kernelFunc(args);
    if (format !== undefined && format !== 'NHWC') return stock.kernelFunc(args);
    const inputShape = shapeAttr(Conv2DBackpropInput, attrs, 'inputShape');
    const [fh = 0, fw = 0, ci = 0, co = 0] = filter.shape;
    const info = backend_util.computeConv2DInfo(
      inputShape, [fh, fw, ci, co], pairAttr(Conv2DBackpropInput, attrs, 'strides'), 1, padAttr(Conv2DBackpropInput, attrs), roundingAttr(Conv2DBackpropInput, attrs),
    );
    const expectedDy = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
    const backend = kernelBackend(Conv2DBackpropInput, args.backend);
    const heap = wasmHeap(backend);
    // The stock kernel also names a dy of the wrong shape. Input channels not a multiple of 4 are an image's (3),
    // whose gradient training never asks for.
    if (heap === undefined || !denseInputTapLoopCovers(info) || dy.shape.join() !== expectedDy.join()) return stock.kernelFunc(args);
    const scope = new KernelScope(backend, 'wasm', Conv2DBackpropInput);
    try {
      // [fh, fw, co, ci]: a tap's row for one output channel is contiguous over the input channels the loop vectorises.
      const filterT = scope.run(Transpose, { x: filter }, { perm: [0, 1, 3, 2] });
      const out = heap.makeOutput(inputShape, 'float32');
      denseInputGradient(heap.memory, info, { dy: heap.address(dy), filterT: heap.address(filterT), out: heap.address(out) });
      return scope.finish(out);
    } catch (error) {
      scope.abandon();
      throw error;
    }
  };
  return { ...stock, kernelFunc };
}

/** Float32 NHWC input gradients with a multiple of 4 input channels as one SIMD pass; anything else stays stock. */
export const conv2DBackpropInputOverride: KernelOverride = { kernelName: Conv2DBackpropInput, override };
