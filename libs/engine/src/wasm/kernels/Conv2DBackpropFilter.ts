// Conv2DBackpropFilter for the wasm backend: one SIMD tap loop over x and dy (dense-tap-loop), or (1x1 unpadded
// filters; output channels not a multiple of 4) one XNNPACK matrix product or convolution of transposed tensors.
import { Conv2D, Conv2DBackpropFilter, Reshape, Slice, Transpose, BatchMatMul, StridedSlice, backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { dims4D, input4D, kernelBackend, padAttr, pairAttr, requireChannelsLast, roundingAttr, shapeAttr } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { KernelScope } from '../kernel-scope';
import { denseFilterGradient, denseTapLoopCovers } from '../simd/dense-tap-loop';
import { wasmHeap } from '../simd/wasm-heap-access';

const KERNEL = Conv2DBackpropFilter;

/**
 * dW[i,j,ci,co] = sum over b,oh,ow of xPadded[b, oh*s+i, ow*s+j, ci] * dy[b,oh,ow,co].
 * Read with ci as the batch, b as the channels and dy as an OHxOW filter, this is a forward
 * convolution whose dilation is the forward stride, which XNNPACK runs as one GEMM; a 1x1
 * unpadded filter (most of MobileNet) is a plain matrix product, several times faster still.
 */
type KernelArgs = { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap };

function conv2DBackpropFilter(args: KernelArgs): TensorInfo {
  return gradient(args, true);
}

/** The kernel before its SIMD pass: the bench's and the same-seed test's baseline. */
function composedConv2DBackpropFilter(args: KernelArgs): TensorInfo {
  return gradient(args, false);
}

function gradient(args: KernelArgs, simd: boolean): TensorInfo {
  const attrs = args.attrs ?? {};
  const backend = kernelBackend(KERNEL, args.backend);
  const x = input4D(KERNEL, args.inputs, 'x');
  const dy = input4D(KERNEL, args.inputs, 'dy');
  requireChannelsLast(KERNEL, attrs);
  const filterShape = shapeAttr(KERNEL, attrs, 'filterShape');
  const info = backend_util.computeConv2DInfo(
    dims4D(x), filterShape, pairAttr(KERNEL, attrs, 'strides'), 1, padAttr(KERNEL, attrs), roundingAttr(KERNEL, attrs), false, 'channelsLast',
  );
  const expectedDy = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.join() !== expectedDy.join()) {
    throw new KernelArgumentError(KERNEL, 'input dy', `must have shape [${expectedDy}] for x [${x.shape}] and filter [${filterShape}], got [${dy.shape}]`);
  }
  const { top, left } = info.padInfo;
  // A 1x1 unpadded filter stays a matrix product: XNNPACK's GEMM is as fast as the loop there.
  const unpadded1x1 = info.filterHeight === 1 && info.filterWidth === 1 && top === 0 && left === 0;
  const heap = simd ? wasmHeap(backend) : undefined;
  if (heap !== undefined && !unpadded1x1 && denseTapLoopCovers(info)) {
    const out = heap.makeOutput(filterShape, 'float32');
    denseFilterGradient(heap.memory, info, { x: heap.address(x), dy: heap.address(dy), out: heap.address(out) });
    return out;
  }
  const scope = new KernelScope(backend, 'wasm', KERNEL);
  try {
    return scope.finish(unpadded1x1 ? pointwise(scope, x, dy, info) : transposedConvolution(scope, x, dy, info));
  } catch (error) {
    scope.abandon();
    throw error;
  }
}

function pointwise(scope: KernelScope, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, outHeight, outWidth, inChannels, outChannels, strideHeight, strideWidth } = info;
  const sampled = strideHeight === 1 && strideWidth === 1 && info.inHeight === outHeight && info.inWidth === outWidth
    ? x
    : scope.run(StridedSlice, { x }, {
      begin: [0, 0, 0, 0],
      end: [batchSize, (outHeight - 1) * strideHeight + 1, (outWidth - 1) * strideWidth + 1, inChannels],
      strides: [1, strideHeight, strideWidth, 1],
      beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
    });
  const rows = batchSize * outHeight * outWidth;
  const a = scope.run(Reshape, { x: sampled }, { shape: [rows, inChannels] });
  const b = scope.run(Reshape, { x: dy }, { shape: [rows, outChannels] });
  // wasm's BatchMatMul is ~10x slower with transposeA than on a transposed copy, so the smaller
  // operand is transposed explicitly and the product comes out as [Ci,Co] or [Co,Ci].
  if (inChannels <= outChannels) {
    const aT = scope.run(Transpose, { x: a }, { perm: [1, 0] });
    const product = scope.run(BatchMatMul, { a: aT, b }, { transposeA: false, transposeB: false });
    return scope.run(Reshape, { x: product }, { shape: [1, 1, inChannels, outChannels] });
  }
  const bT = scope.run(Transpose, { x: b }, { perm: [1, 0] });
  const productT = scope.run(BatchMatMul, { a: bT, b: a }, { transposeA: false, transposeB: false });
  const product = scope.run(Transpose, { x: productT }, { perm: [1, 0] });
  return scope.run(Reshape, { x: product }, { shape: [1, 1, inChannels, outChannels] });
}

function transposedConvolution(scope: KernelScope, x: TensorInfo, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { filterHeight, filterWidth, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, inChannels, outChannels } = info;
  const { top, left } = info.padInfo;
  // Rows past the last one any window reaches are not padded but cropped from the result.
  const bottom = filterHeight + (outHeight - 1) * strideHeight - inHeight - top;
  const right = filterWidth + (outWidth - 1) * strideWidth - inWidth - left;
  const xT = scope.run(Transpose, { x }, { perm: [3, 1, 2, 0] });
  const dyT = scope.run(Transpose, { x: dy }, { perm: [1, 2, 0, 3] });
  const correlation = scope.run(Conv2D, { x: xT, filter: dyT }, {
    strides: [1, 1],
    dilations: [strideHeight, strideWidth],
    pad: [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]],
    dataFormat: 'NHWC',
  });
  const cropped = bottom >= 0 && right >= 0
    ? correlation
    : scope.run(Slice, { x: correlation }, { begin: [0, 0, 0, 0], size: [inChannels, filterHeight, filterWidth, outChannels] });
  return scope.run(Transpose, { x: cropped }, { perm: [1, 2, 0, 3] });
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter,
};

/** The XNNPACK composition alone, swapped in by `withComposedConvGradients`; never registered by default. */
export const composedConv2DBackpropFilterConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: composedConv2DBackpropFilter,
};
