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
  /** A float32 tensor on the heap holding `values` (a kernel's per-channel coefficients); free it with `free`. */
  write(values: Float32Array, shape: number[]): TensorInfo;
  /** A copy of a float32 tensor's first `count` values. */
  read(tensor: TensorInfo, count: number): Float32Array;
  free(tensor: TensorInfo): void;
}

interface BackendWasmShape {
  wasm: { asm: { memory: WasmMemory } };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  getMemoryOffset(dataId: object): number;
  disposeData(dataId: object): boolean;
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
  const memory = backend.wasm.asm.memory;
  const address = (tensor: TensorInfo) => backend.getMemoryOffset(tensor.dataId);
  // Views are made after any allocation: growing the heap replaces its ArrayBuffer.
  const floats = (tensor: TensorInfo, count: number) => new Float32Array(memory.buffer, address(tensor), count);
  return {
    memory,
    makeOutput: (shape, dtype) => backend.makeOutput(shape, dtype),
    address,
    write: (values, shape) => {
      const tensor = backend.makeOutput(shape, 'float32');
      floats(tensor, values.length).set(values);
      return tensor;
    },
    read: (tensor, count) => floats(tensor, count).slice(),
    free: (tensor) => {
      backend.disposeData(tensor.dataId);
    },
  };
}
