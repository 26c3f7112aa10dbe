// DepthwiseConv2dNativeBackpropInput for the wasm backend: an XNNPACK depthwise convolution of dy, or when strided a SIMD loop.
import { DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropInput, PadV2, Reshape, Reverse, Slice, Sum, backend_util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { input4D, kernelBackend, padAttr, pairAttr, roundingAttr, shapeAttr } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { KernelScope } from '../kernel-scope';
import { depthwiseInputGradient, tapLoopCovers } from '../simd/depthwise-tap-loop';
import { wasmHeap } from '../simd/wasm-heap-access';

const KERNEL = DepthwiseConv2dNativeBackpropInput;

/**
 * dx[b,y,x,c] = sum over i,j,m of dy[b,oh,ow,c*M+m] * f[i,j,c,m] where y = oh*s + i*d - top.
 * That is a stride-1 depthwise correlation, dilation d, of dy with zeros inserted between its
 * rows and columns (for stride s > 1) and the spatially flipped filter; the channel
 * multiplier M is summed out afterwards.
 */
function depthwiseConv2dNativeBackpropInput(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo {
  const attrs = args.attrs ?? {};
  const backend = kernelBackend(KERNEL, args.backend);
  const dy = input4D(KERNEL, args.inputs, 'dy');
  const filter = input4D(KERNEL, args.inputs, 'filter');
  const inputShape = shapeAttr(KERNEL, attrs, 'inputShape');
  const [fh = 0, fw = 0, fc = 0, fm = 0] = filter.shape;
  const info = backend_util.computeConv2DInfo(
    inputShape, [fh, fw, fc, fm], pairAttr(KERNEL, attrs, 'strides'), pairAttr(KERNEL, attrs, 'dilations'),
    padAttr(KERNEL, attrs), roundingAttr(KERNEL, attrs), true,
  );
  const expectedDy = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.join() !== expectedDy.join()) {
    throw new KernelArgumentError(KERNEL, 'input dy', `must have shape [${expectedDy}] for input [${inputShape}] and filter [${filter.shape}], got [${dy.shape}]`);
  }
  // Strided: the SIMD loop, since the composition below convolves a dy three-quarters zeros (2x faster measured).
  // Stride 1 stays on XNNPACK, whose depthwise kernel keeps its sums in registers (1.5x faster than the loop).
  const heap = wasmHeap(backend);
  const strided = info.strideHeight > 1 || info.strideWidth > 1;
  if (heap !== undefined && strided && tapLoopCovers(info)) {
    const out = heap.makeOutput(inputShape, 'float32');
    depthwiseInputGradient(heap.memory, info, { dy: heap.address(dy), filter: heap.address(filter), out: heap.address(out) });
    return out;
  }
  const scope = new KernelScope(backend, 'wasm', KERNEL);
  try {
    return scope.finish(flippedCorrelation(scope, dy, filter, info));
  } catch (error) {
    scope.abandon();
    throw error;
  }
}

function flippedCorrelation(scope: KernelScope, dy: TensorInfo, filter: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const multiplier = outChannels / inChannels;
  const upsampled = insertZeros(scope, dy, info);
  // Padding of the upsampled dy so that a VALID correlation yields exactly inHeight x inWidth;
  // a negative amount means rows of dy that reach no input row, cropped instead.
  const top = (filterHeight - 1) * dilationHeight - info.padInfo.top;
  const left = (filterWidth - 1) * dilationWidth - info.padInfo.left;
  const bottom = inHeight + (filterHeight - 1) * dilationHeight - top - outHeight * strideHeight;
  const right = inWidth + (filterWidth - 1) * dilationWidth - left - outWidth * strideWidth;
  const padded = top === 0 && left === 0 && bottom === 0 && right === 0
    ? upsampled
    : scope.run(PadV2, { x: upsampled }, {
      paddings: [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]],
      constantValue: 0,
    });
  const cropped = top >= 0 && left >= 0 && bottom >= 0 && right >= 0
    ? padded
    : scope.run(Slice, { x: padded }, {
      begin: [0, Math.max(0, -top), Math.max(0, -left), 0],
      size: [batchSize, inHeight + (filterHeight - 1) * dilationHeight, inWidth + (filterWidth - 1) * dilationWidth, outChannels],
    });
  const flipped = scope.run(Reverse, { x: filter }, { dims: [0, 1] });
  const perChannel = scope.run(Reshape, { x: flipped }, { shape: [filterHeight, filterWidth, outChannels, 1] });
  const dx = scope.run(DepthwiseConv2dNative, { x: cropped, filter: perChannel }, {
    strides: [1, 1],
    dilations: [dilationHeight, dilationWidth],
    pad: 'valid',
  });
  if (multiplier === 1) return dx;
  const split = scope.run(Reshape, { x: dx }, { shape: [batchSize, inHeight, inWidth, inChannels, multiplier] });
  return scope.run(Sum, { x: split }, { axis: [4], keepDims: false });
}

/** dy with stride-1 zero rows and columns after each of its own, so the stride becomes 1. */
function insertZeros(scope: KernelScope, dy: TensorInfo, info: backend_util.Conv2DInfo): TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, strideHeight, strideWidth } = info;
  if (strideHeight === 1 && strideWidth === 1) return dy;
  const spread = scope.run(Reshape, { x: dy }, { shape: [batchSize, outHeight, 1, outWidth, 1, outChannels] });
  const zeros = scope.run(PadV2, { x: spread }, {
    paddings: [[0, 0], [0, 0], [0, strideHeight - 1], [0, 0], [0, strideWidth - 1], [0, 0]],
    constantValue: 0,
  });
  return scope.run(Reshape, { x: zeros }, { shape: [batchSize, outHeight * strideHeight, outWidth * strideWidth, outChannels] });
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropInput,
};
