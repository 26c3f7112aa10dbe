// How each backend is loaded and made active; tfjs-node(-gpu) are optional and imported only when tried.
import { createRequire } from 'node:module';
import path from 'node:path';
import { findBackend, ready, setBackend } from '@tensorflow/tfjs-core';
import type { BackendLoader, BackendName } from './backend-choice';
import { registerWasmKernels } from './wasm/register-wasm-kernels';
import { registerWasmGradients } from './wasm/gradients/register-wasm-gradients';

// Specifiers in variables so TypeScript does not try to resolve packages that are absent here.
const TFJS_NODE_GPU = '@tensorflow/tfjs-node-gpu';
const TFJS_NODE = '@tensorflow/tfjs-node';
const TFJS_WASM = '@tensorflow/tfjs-backend-wasm';

/** Each backend's loader; tfjs-node and tfjs-node-gpu both register the backend `tensorflow`. */
export const backendLoaders: Record<BackendName, BackendLoader> = {
  'tensorflow-gpu': () => loadNode(TFJS_NODE_GPU),
  tensorflow: () => loadNode(TFJS_NODE),
  wasm: loadWasm,
  cpu: loadCpu,
};

async function loadNode(specifier: string): Promise<void> {
  await import(specifier);
  await activate('tensorflow');
}

async function loadWasm(): Promise<void> {
  const wasm: unknown = await import(TFJS_WASM);
  // Before the first init only: the binaries come from the installed package, never a fetch.
  if (findBackend('wasm') === null && hasSetWasmPaths(wasm)) wasm.setWasmPaths(wasmDistDir());
  await activate('wasm');
  registerWasmKernels();
  // Batch norm and matmul gradients without wasm's slow Tile and transposed products: ~2.4x faster full steps.
  registerWasmGradients();
}

async function loadCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
  await activate('cpu');
}

async function activate(tfName: string): Promise<void> {
  if (!(await setBackend(tfName))) throw new Error(`tf.setBackend('${tfName}') failed to initialise it`);
  await ready();
}

/** The dist directory of the installed tfjs-backend-wasm, with a trailing separator. */
export function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${TFJS_WASM}/package.json`)), 'dist') + path.sep;
}

function hasSetWasmPaths(module: unknown): module is { setWasmPaths: (prefix: string) => void } {
  return typeof module === 'object' && module !== null && 'setWasmPaths' in module && typeof module.setWasmPaths === 'function';
}
