// DepthwiseConv2dNativeBackpropFilter for the wasm backend: one SIMD pass over x and dy, or (channel multipliers,
// channel counts not a multiple of 4) one XNNPACK depthwise convolution.
import { DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropFilter, Reshape, Slice, Sum, Transpose, backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { dims4D, input4D, kernelBackend, padAttr, pairAttr, roundingAttr, shapeAttr } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { KernelScope } from '../kernel-scope';
import { depthwiseFilterGradient, tapLoopCovers } from '../simd/depthwise-tap-loop';
import { wasmHeap } from '../simd/wasm-heap-access';

const KERNEL = DepthwiseConv2dNativeBackpropFilter;

/**
 * dW[i,j,c,m] = sum over b,oh,ow of xPadded[b, oh*s+i*d, ow*s+j*d, c] * dy[b,oh,ow,c*M+m].
 * With the batch moved into the channels (one image of B*C channels) and dy as an OHxOW
 * depthwise filter, this is a depthwise convolution with the forward dilation as stride and
 * the forward stride as dilation; a sum over the batch finishes it.
 */
function depthwiseConv2dNativeBackpropFilter(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo {
  const attrs = args.attrs ?? {};
  const backend = kernelBackend(KERNEL, args.backend);
  const x = input4D(KERNEL, args.inputs, 'x');
  const dy = input4D(KERNEL, args.inputs, 'dy');
  const filterShape = shapeAttr(KERNEL, attrs, 'filterShape');
  const info = backend_util.computeConv2DInfo(
    dims4D(x), filterShape, pairAttr(KERNEL, attrs, 'strides'), pairAttr(KERNEL, attrs, 'dilations'),
    padAttr(KERNEL, attrs), roundingAttr(KERNEL, attrs), true,
  );
  const expectedDy = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.join() !== expectedDy.join()) {
    throw new KernelArgumentError(KERNEL, 'input dy', `must have shape [${expectedDy}] for x [${x.shape}] and filter [${filterShape}], got [${dy.shape}]`);
  }
  const heap = wasmHeap(backend);
  if (heap !== undefined && tapLoopCovers(info)) {
    const out = heap.makeOutput(filterShape, 'float32');
    depthwiseFilterGradient(heap.memory, info, { x: heap.address(x), dy: heap.address(dy), out: heap.address(out) });
    return out;
  }
  const scope = new KernelScope(backend, 'wasm', KERNEL);
  try {
    return scope.finish(batchAsChannels(scope, x, dy, info));
  } catch (error) {
    scope.abandon();
    throw error;
  }
}

function batchAsChannels(scope: KernelScope, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const multiplier = outChannels / inChannels;
  const { top, left } = info.padInfo;
  // Rows past the last one any window reaches are not padded but cropped from the result.
  const bottom = (filterHeight - 1) * dilationHeight + (outHeight - 1) * strideHeight + 1 - inHeight - top;
  const right = (filterWidth - 1) * dilationWidth + (outWidth - 1) * strideWidth + 1 - inWidth - left;
  // With one image the batch axis is already next to the channels: a reshape, not a copy.
  const image = scope.run(Reshape, { x: batchSize === 1 ? x : scope.run(Transpose, { x }, { perm: [1, 2, 0, 3] }) }, {
    shape: [1, inHeight, inWidth, batchSize * inChannels],
  });
  const dy5 = scope.run(Reshape, { x: dy }, { shape: [batchSize, outHeight, outWidth, inChannels, multiplier] });
  const filter = scope.run(Reshape, { x: batchSize === 1 ? dy5 : scope.run(Transpose, { x: dy5 }, { perm: [1, 2, 0, 3, 4] }) }, {
    shape: [outHeight, outWidth, batchSize * inChannels, multiplier],
  });
  const correlation = scope.run(DepthwiseConv2dNative, { x: image, filter }, {
    strides: [dilationHeight, dilationWidth],
    dilations: [strideHeight, strideWidth],
    pad: [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
  });
  const cropped = bottom >= 0 && right >= 0
    ? correlation
    : scope.run(Slice, { x: correlation }, { begin: [0, 0, 0, 0], size: [1, filterHeight, filterWidth, batchSize * outChannels] });
  const perImage = scope.run(Reshape, { x: cropped }, { shape: [filterHeight, filterWidth, batchSize, outChannels] });
  const summed = batchSize === 1 ? perImage : scope.run(Sum, { x: perImage }, { axis: [2], keepDims: false });
  return scope.run(Reshape, { x: summed }, { shape: [filterHeight, filterWidth, inChannels, multiplier] });
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropFilter,
};
