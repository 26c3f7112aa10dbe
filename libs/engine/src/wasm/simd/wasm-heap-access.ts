// The wasm backend's heap as a hand-written kernel needs it: its memory, output allocation and tensor addresses.
import type { DataType, KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';
import { webAssembly, type WasmMemory } from './webassembly';

/** The parts of tfjs-backend-wasm's BackendWasm a SIMD kernel uses; checked at run time, not assumed. */
export interface WasmHeap {
  memory: WasmMemory;
  /** Allocates an output tensor on the heap (uninitialised). */
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  /** Byte address of a tensor's data on the heap. */
  address(tensor: TensorInfo): number;
}

interface BackendWasmShape {
  wasm: { asm: { memory: WasmMemory } };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  getMemoryOffset(dataId: object): number;
}

function isBackendWasm(backend: object): backend is BackendWasmShape {
  const wasm: unknown = Reflect.get(backend, 'wasm');
  const asm: unknown = typeof wasm === 'object' && wasm !== null ? Reflect.get(wasm, 'asm') : undefined;
  const memory: unknown = typeof asm === 'object' && asm !== null ? Reflect.get(asm, 'memory') : undefined;
  return memory instanceof webAssembly.Memory
    && typeof Reflect.get(backend, 'makeOutput') === 'function'
    && typeof Reflect.get(backend, 'getMemoryOffset') === 'function';
}

/** The heap of a wasm backend, or undefined when the backend is not one this tfjs version lays out so. */
export function wasmHeap(backend: KernelBackend): WasmHeap | undefined {
  if (!isBackendWasm(backend)) return undefined;
  return {
    memory: backend.wasm.asm.memory,
    makeOutput: (shape, dtype) => backend.makeOutput(shape, dtype),
    address: (tensor) => backend.getMemoryOffset(tensor.dataId),
  };
}
