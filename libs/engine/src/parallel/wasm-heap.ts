// Reads the size of the active wasm backend's heap: it only grows, so it is the peak since the backend started.
import * as tf from '@tensorflow/tfjs';

/** Bytes of the wasm heap, or 0 when the active backend is not wasm. */
export function wasmHeapBytes(): number {
  if (tf.getBackend() !== 'wasm') return 0;
  const backend: unknown = tf.backend();
  if (typeof backend !== 'object' || backend === null || !('wasm' in backend)) return 0;
  const wasm: unknown = backend.wasm;
  if (typeof wasm !== 'object' || wasm === null || !('HEAPU8' in wasm)) return 0;
  const heap: unknown = wasm.HEAPU8;
  return heap instanceof Uint8Array ? heap.byteLength : 0;
}
