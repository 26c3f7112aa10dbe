// Batch norm's gradient in closed form, the moments' own paths folded in: two passes over the activation where
// tfjs's tape, differentiating moments and the normalisation op by op, makes about a dozen.
import * as tf from '@tensorflow/tfjs';
import { BatchNormGradInput } from '../wasm/kernels/BatchNormGradInput';
import { BatchNormGradSums } from '../wasm/kernels/BatchNormGradSums';

export interface BatchNormGradients {
  dx: tf.Tensor;
  dgamma: tf.Tensor1D;
  dbeta: tf.Tensor1D;
}

/** The two sums on the backend's fused kernel where it has one and the channels suit it, else by ops. */
function fusedKernels(x: tf.Tensor, axis: number): boolean {
  const backend = tf.getBackend();
  return axis === x.rank - 1 && (x.shape[axis] ?? 0) % 4 === 0
    && tf.getKernel(BatchNormGradSums, backend) !== undefined && tf.getKernel(BatchNormGradInput, backend) !== undefined;
}

/**
 * With xhat = (x - mean) * rstd over the N values of each channel, y = gamma * xhat + beta:
 *   s1 = sum dy, s2 = sum dy * (x - mean)
 *   dbeta = s1, dgamma = rstd * s2
 *   dx = gamma * rstd * (dy - s1 / N - xhat * rstd * s2 / N) = dy * a + x * b + k
 * with a = gamma * rstd, b = -a * rstd^2 * s2 / N, k = -a * s1 / N - b * mean (per channel).
 * `mean` and `variance` are the batch's own (biased) moments over every axis but `axis`.
 */
export function batchNormGradients(
  x: tf.Tensor, dy: tf.Tensor, mean: tf.Tensor1D, variance: tf.Tensor1D, gamma: tf.Tensor1D, epsilon: number, axis: number,
): BatchNormGradients {
  return tf.tidy(() => {
    const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
    const count = reduce.reduce((n, i) => n * (x.shape[i] ?? 1), 1);
    const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
    const fused = fusedKernels(x, axis);
    const along = (t: tf.Tensor1D) => (axis === x.rank - 1 ? t : t.reshape(broadcast));
    let s1: tf.Tensor1D;
    let s2: tf.Tensor1D;
    if (fused) {
      const sums = tf.engine().runKernel(BatchNormGradSums, { x, dy, mean }) as tf.Tensor2D;
      [s1, s2] = tf.unstack(sums) as [tf.Tensor1D, tf.Tensor1D];
    } else {
      s1 = tf.sum(dy, reduce);
      s2 = tf.sum(tf.mul(dy, tf.sub(x, along(mean))), reduce);
    }
    const rstd = tf.rsqrt(tf.add(variance, epsilon));
    const a = tf.mul(gamma, rstd);
    const b = tf.div(tf.mul(tf.neg(a), tf.mul(tf.square(rstd), s2)), count);
    const k = tf.sub(tf.div(tf.mul(tf.neg(a), s1), count), tf.mul(b, mean));
    const dx = fused
      ? tf.engine().runKernel(BatchNormGradInput, { x, dy, coefficients: tf.stack([a, b, k]) }) as tf.Tensor
      : tf.add(tf.add(tf.mul(dy, along(a as tf.Tensor1D)), tf.mul(x, along(b as tf.Tensor1D))), along(k as tf.Tensor1D));
    return { dx, dgamma: tf.mul(rstd, s2) as tf.Tensor1D, dbeta: s1 };
  });
}
