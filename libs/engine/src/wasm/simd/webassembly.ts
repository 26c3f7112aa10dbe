// The part of the WebAssembly JS API the SIMD kernels use, typed here: TypeScript declares the API only in lib.dom,
// which the engine does not load (it runs in Node, which has the API itself).

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export type WasmModule = object;

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports?: Record<string, Record<string, unknown>>) => WasmInstance;
  validate(bytes: Uint8Array): boolean;
}

/** Node's global WebAssembly. */
export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
