// Relu6Grad: relu6's input gradient, dy where 0 < x < 6, in one SIMD pass over x and dy.
import { util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { floatInput, kernelHeap } from '../kernel-args';
import { KernelArgumentError } from '../kernel-errors';
import { relu6Gradient } from '../simd/clip-gradient';

/** Finetune's own kernel (tfjs has none like it); the engine runs it only where it is registered. */
export const Relu6Grad = 'FinetuneRelu6Grad';

function relu6Grad(args: { inputs: NamedTensorInfoMap; backend: object; attrs?: NamedAttrMap }): TensorInfo {
  const heap = kernelHeap(Relu6Grad, args.backend);
  const shape = args.inputs['x']?.shape ?? [];
  const x = floatInput(Relu6Grad, args.inputs, 'x', shape);
  const dy = floatInput(Relu6Grad, args.inputs, 'dy', shape);
  const size = util.sizeFromShape(shape);
  if (size % 4 !== 0) throw new KernelArgumentError(Relu6Grad, 'input x', `must have a multiple of 4 values (the SIMD width), got shape [${shape}]`);
  const out = heap.makeOutput([...shape], 'float32');
  relu6Gradient(heap.memory, { x: heap.address(x), dy: heap.address(dy), out: heap.address(out) }, size);
  return out;
}

/** Registered on wasm by `registerWasmKernels`; importing this file registers nothing. */
export const relu6GradConfig: KernelConfig = {
  kernelName: Relu6Grad,
  backendName: 'wasm',
  kernelFunc: relu6Grad,
};
