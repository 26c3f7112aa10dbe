// BatchNormGradSums: the two per-channel sums batch norm's gradient needs, in one SIMD pass over x and dy.
import { util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { channelLoop } from '../simd/channel-loops';
import { wasmHeap } from '../simd/wasm-heap-access';

/** Finetune's own kernel (tfjs has none like it); the engine runs it only where it is registered. */
export const BatchNormGradSums = 'FinetuneBatchNormGradSums';

/** A float32 input of `shape`, or a clear error naming the kernel and the input. */
export function floatInput(kernel: string, inputs: NamedTensorInfoMap, name: string, shape: readonly number[]): TensorInfo {
  const t = inputs[name];
  if (t === undefined) throw new KernelArgumentError(kernel, `input ${name}`, 'is missing');
  if (t.dtype !== 'float32') throw new KernelArgumentError(kernel, `input ${name}`, `must be float32, got ${t.dtype}`);
  if (t.shape.join() !== shape.join()) throw new KernelArgumentError(kernel, `input ${name}`, `must have shape [${shape}], got [${t.shape}]`);
  return t;
}

/** The channel count of an activation laid out channels-last, checked to be a multiple of 4 (the SIMD width). */
export function simdChannels(kernel: string, x: TensorInfo | undefined): number {
  const channels = x?.shape[x.shape.length - 1] ?? 0;
  if (x === undefined || x.shape.length < 2 || channels % 4 !== 0 || channels === 0) {
    throw new KernelArgumentError(kernel, 'input x', `must be channels-last with a multiple of 4 channels, got shape [${x?.shape ?? []}]`);
  }
  return channels;
}

/** [2, C]: row 0 the sum of dy per channel, row 1 the sum of dy * (x - mean). */
function batchNormGradSums(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo {
  const backend = kernelBackend(BatchNormGradSums, args.backend);
  const heap = wasmHeap(backend);
  if (heap === undefined) throw new KernelArgumentError(BatchNormGradSums, 'backend', 'is not tfjs-backend-wasm 4.x (no heap to run on)');
  const channels = simdChannels(BatchNormGradSums, args.inputs['x']);
  const x = floatInput(BatchNormGradSums, args.inputs, 'x', args.inputs['x']!.shape);
  const dy = floatInput(BatchNormGradSums, args.inputs, 'dy', x.shape);
  const mean = floatInput(BatchNormGradSums, args.inputs, 'mean', [channels]);
  const out = heap.makeOutput([2, channels], 'float32');
  channelLoop(heap.memory, 'gradientSums')(heap.address(x), heap.address(dy), heap.address(mean), heap.address(out), util.sizeFromShape(x.shape) / channels, channels * 4);
  return out;
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const batchNormGradSumsConfig: KernelConfig = {
  kernelName: BatchNormGradSums,
  backendName: 'wasm',
  kernelFunc: batchNormGradSums,
};
