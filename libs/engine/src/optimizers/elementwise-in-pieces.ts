// Elementwise work on a large variable in pieces, on wasm. An update rule makes ~10 temporaries the size of its
// variable inside one tidy: for VGG-16's fc6 (102.8M weights, 411 MB) over 4 GB, past what a wasm heap holds.
// Every rule and the weight decay term are elementwise, so the same work done piece by piece gives the same values.
import * as tf from '@tensorflow/tfjs';

/** Elements of one piece (16 MiB of float32); a variable this size or smaller is worked on whole. */
export const PIECE_ELEMENTS = 1 << 22;

/** What the wasm backend offers: a copy of a range of elements (tf.slice copies its whole input out first), and a view of a tensor in its heap. */
interface WasmHeapAccess {
  readSync(dataId: object, start: number, end: number): Float32Array;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/** Whether `size` elements are worked on in pieces: on wasm, whose heap stops at 4 GiB; other backends have no such bound. */
export function worksInPieces(size: number): boolean {
  return size > PIECE_ELEMENTS && tf.getBackend() === 'wasm';
}

/**
 * Runs `fn` on pieces of at most `piece` elements of the flattened `inputs` (all of one size, float32, on wasm) and
 * returns its whole results as plain arrays: only one piece's inputs and temporaries are in the heap at a time,
 * and the caller uploads each result in turn, replacing what it supersedes.
 */
export function inPieces(inputs: readonly tf.Tensor[], fn: (pieces: tf.Tensor[]) => tf.Tensor[], piece = PIECE_ELEMENTS): Float32Array[] {
  const size = inputs[0]?.size ?? 0;
  const backend = tf.backend() as unknown as WasmHeapAccess;
  let outputs: Float32Array[] | undefined;
  for (let start = 0; start < size; start += piece) {
    const end = Math.min(start + piece, size);
    tf.tidy(() => {
      const results = fn(inputs.map((t) => tf.tensor1d(backend.readSync(t.dataId, start, end), 'float32')));
      outputs ??= results.map(() => new Float32Array(size));
      // Straight from the heap: nothing is allocated between taking the view and copying it.
      results.forEach((t, k) => outputs![k]!.set(backend.typedArrayFromHeap(t), start));
    });
  }
  return outputs ?? [];
}
