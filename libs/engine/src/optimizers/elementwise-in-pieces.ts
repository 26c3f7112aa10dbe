// Elementwise work on a large variable in pieces. An update rule makes ~10 temporaries the size of its variable
// inside one tidy: for VGG-16's fc6 (102.8M weights, 411 MB) over 4 GB, past what a wasm heap holds. Every rule
// and the weight decay term are elementwise, so the same work done piece by piece gives the same values.
import * as tf from '@tensorflow/tfjs';

/** Elements of one piece (16 MiB of float32); a variable this size or smaller is worked on whole. */
export const PIECE_ELEMENTS = 1 << 22;

/**
 * Runs `fn` on pieces of at most `piece` elements of the flattened `inputs` (all of one size) and returns its
 * whole results as plain arrays: only one piece's temporaries are in the heap at a time, and the caller uploads
 * each result in turn, replacing what it supersedes.
 */
export function inPieces(inputs: readonly tf.Tensor[], fn: (pieces: tf.Tensor[]) => tf.Tensor[], piece = PIECE_ELEMENTS): Float32Array[] {
  const size = inputs[0]?.size ?? 0;
  let outputs: Float32Array[] | undefined;
  for (let start = 0; start < size; start += piece) {
    const length = Math.min(piece, size - start);
    tf.tidy(() => {
      const results = fn(inputs.map((t) => tf.slice(tf.reshape(t, [size]), start, length)));
      outputs ??= results.map(() => new Float32Array(size));
      results.forEach((t, k) => outputs![k]!.set(t.dataSync() as Float32Array, start));
    });
  }
  return outputs ?? [];
}
