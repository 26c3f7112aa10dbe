// Hand-written wasm programs instantiated on a backend's memory: compiled once per process, bound once per memory.
import { webAssembly, type WasmMemory, type WasmModule } from './webassembly';

type Program = () => Uint8Array;

const compiled = new WeakMap<Program, WasmModule>();
const bound = new WeakMap<WasmMemory, Map<Program, unknown>>();

/**
 * The function `exportName` of `program`'s module, importing `memory` as env.memory. Each worker thread has its
 * own backend and memory, so the binding is per memory; the compiled module is shared within the thread.
 */
export function instantiateOn<F>(memory: WasmMemory, program: Program, exportName: string): F {
  const functions = bound.get(memory) ?? new Map<Program, unknown>();
  bound.set(memory, functions);
  if (!functions.has(program)) {
    const module = compiled.get(program) ?? new webAssembly.Module(program());
    compiled.set(program, module);
    functions.set(program, new webAssembly.Instance(module, { env: { memory } }).exports[exportName]);
  }
  return functions.get(program) as F;
}
