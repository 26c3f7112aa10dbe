// BatchMatMul's gradient with explicit transposes: tfjs-backend-wasm's transposed matmul paths run about ten
// times slower than its plain one, and training runs every pointwise convolution's backprop through them.
import { BatchMatMul, matMul, transpose } from '@tensorflow/tfjs-core';
import type { GradConfig, NamedAttrMap, Tensor } from '@tensorflow/tfjs-core';

/** Swaps the last two axes (a memory copy, cheap next to the matmul it saves). */
function swapLast(x: Tensor): Tensor {
  const rank = x.rank;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [rank - 1, rank - 2];
  return transpose(x, perm);
}

/**
 * aᵀ·d, transposing whichever of the two is narrower: for a pointwise convolution's filter gradient `a` is the
 * activation and `d` its output's gradient, both N rows long, so the narrower one is the cheaper copy (a
 * projection's 96-channel input against its 24-channel output: 4x less to move); (dᵀ·a)ᵀ is then a small matrix.
 */
function aTransposedTimes(a: Tensor, d: Tensor): Tensor {
  const narrowerA = (a.shape[a.rank - 1] ?? 0) <= (d.shape[d.rank - 1] ?? 0);
  return narrowerA ? matMul(swapLast(a), d) : swapLast(matMul(swapLast(d), a));
}

/** Same values as tfjs-core's batchMatMulGradConfig; every product is a plain (untransposed) matmul. */
export const batchMatMulGradConfig: GradConfig = {
  kernelName: BatchMatMul,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy: Tensor | Tensor[], saved: Tensor[], attrs: NamedAttrMap) => {
    const d = Array.isArray(dy) ? dy[0]! : dy;
    const [a, b] = saved as [Tensor, Tensor];
    const transposeA = attrs.transposeA === true;
    const transposeB = attrs.transposeB === true;
    if (!transposeA && !transposeB) return { a: () => matMul(d, swapLast(b)), b: () => aTransposedTimes(a, d) };
    if (!transposeA && transposeB) return { a: () => matMul(d, b), b: () => matMul(swapLast(d), a) };
    if (transposeA && !transposeB) return { a: () => matMul(b, swapLast(d)), b: () => matMul(a, d) };
    return { a: () => matMul(swapLast(b), swapLast(d)), b: () => matMul(swapLast(d), swapLast(a)) };
  },
};
