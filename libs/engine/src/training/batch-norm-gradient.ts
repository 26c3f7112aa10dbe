// Batch norm's gradient in closed form, the moments' own paths folded in: two passes over the activation (one
// fused kernel on wasm) where tfjs's tape, differentiating moments and the normalisation op by op, makes a dozen.
import * as tf from '@tensorflow/tfjs';
import { BatchNormGrad } from '../wasm/kernels/BatchNormGrad';
import { channelKernelFits } from './channel-kernel-fits';

export interface BatchNormGradients {
  dx: tf.Tensor;
  dgamma: tf.Tensor1D;
  dbeta: tf.Tensor1D;
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
  if (channelKernelFits(BatchNormGrad, x, axis)) {
    const [dx, dgamma, dbeta] = tf.engine().runKernel(BatchNormGrad, { x, dy, mean, variance, gamma }, { varianceEpsilon: epsilon }) as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
    return { dx, dgamma, dbeta };
  }
  return tf.tidy(() => {
    const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
    const count = x.size / (x.shape[axis] ?? 1);
    const along = (t: tf.Tensor) => (axis === x.rank - 1 ? t : tf.reshape(t, x.shape.map((d, i) => (i === axis ? d : 1))));
    const s1 = tf.sum(dy, reduce) as tf.Tensor1D;
    const s2 = tf.sum(tf.mul(dy, tf.sub(x, along(mean))), reduce) as tf.Tensor1D;
    const rstd = tf.rsqrt(tf.add(variance, epsilon));
    const a = tf.mul(gamma, rstd);
    const b = tf.div(tf.mul(tf.neg(a), tf.mul(tf.square(rstd), s2)), count);
    const k = tf.sub(tf.div(tf.mul(tf.neg(a), s1), count), tf.mul(b, mean));
    const dx = tf.add(tf.add(tf.mul(dy, along(a)), tf.mul(x, along(b))), along(k));
    return { dx, dgamma: tf.mul(rstd, s2) as tf.Tensor1D, dbeta: s1 };
  });
}
