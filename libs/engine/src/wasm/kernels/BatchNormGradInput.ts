// BatchNormGradInput: batch norm's input gradient, moments' paths included, as one SIMD pass dy * a + x * b + k.
import { util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { kernelBackend } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { channelLoop } from '../simd/channel-loops';
import { wasmHeap } from '../simd/wasm-heap-access';
import { floatInput, simdChannels } from './BatchNormGradSums';

/** Finetune's own kernel (tfjs has none like it); the engine runs it only where it is registered. */
export const BatchNormGradInput = 'FinetuneBatchNormGradInput';

/** dx[r,c] = dy[r,c] * coefficients[0,c] + x[r,c] * coefficients[1,c] + coefficients[2,c]. */
function batchNormGradInput(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo {
  const backend = kernelBackend(BatchNormGradInput, args.backend);
  const heap = wasmHeap(backend);
  if (heap === undefined) throw new KernelArgumentError(BatchNormGradInput, 'backend', 'is not tfjs-backend-wasm 4.x (no heap to run on)');
  const channels = simdChannels(BatchNormGradInput, args.inputs['x']);
  const x = floatInput(BatchNormGradInput, args.inputs, 'x', args.inputs['x']!.shape);
  const dy = floatInput(BatchNormGradInput, args.inputs, 'dy', x.shape);
  const coefficients = floatInput(BatchNormGradInput, args.inputs, 'coefficients', [3, channels]);
  const out = heap.makeOutput([...x.shape], 'float32');
  channelLoop(heap.memory, 'inputGradient')(heap.address(x), heap.address(dy), heap.address(coefficients), heap.address(out), util.sizeFromShape(x.shape) / channels, channels * 4);
  return out;
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const batchNormGradInputConfig: KernelConfig = {
  kernelName: BatchNormGradInput,
  backendName: 'wasm',
  kernelFunc: batchNormGradInput,
};
