// ShiftedMoments: per-channel sums of (x - shift) and of its squares, in one SIMD pass; two calls make a batch's
// mean and variance by the (stable) corrected two-pass formula, where tf.moments takes four passes.
import { util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { channelLoop } from '../simd/channel-loops';
import { wasmHeap } from '../simd/wasm-heap-access';
import { floatInput, simdChannels } from './BatchNormGradSums';

/** Finetune's own kernel (tfjs has none like it); the engine runs it only where it is registered. */
export const ShiftedMoments = 'FinetuneShiftedMoments';

/** [2, C]: row 0 the sum of x - shift per channel, row 1 the sum of (x - shift)^2. */
function shiftedMoments(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo {
  const backend = kernelBackend(ShiftedMoments, args.backend);
  const heap = wasmHeap(backend);
  if (heap === undefined) throw new KernelArgumentError(ShiftedMoments, 'backend', 'is not tfjs-backend-wasm 4.x (no heap to run on)');
  const channels = simdChannels(ShiftedMoments, args.inputs['x']);
  const x = floatInput(ShiftedMoments, args.inputs, 'x', args.inputs['x']!.shape);
  const shift = floatInput(ShiftedMoments, args.inputs, 'shift', [channels]);
  const out = heap.makeOutput([2, channels], 'float32');
  channelLoop(heap.memory, 'shiftedSums')(heap.address(x), heap.address(shift), heap.address(out), util.sizeFromShape(x.shape) / channels, channels * 4);
  return out;
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const shiftedMomentsConfig: KernelConfig = {
  kernelName: ShiftedMoments,
  backendName: 'wasm',
  kernelFunc: shiftedMoments,
};
