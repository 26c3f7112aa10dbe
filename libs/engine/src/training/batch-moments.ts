// A batch's per-channel mean and (biased) variance, as batch norm in training mode takes them.
import * as tf from '@tensorflow/tfjs';
import { ShiftedMoments } from '../wasm/kernels/ShiftedMoments';

export interface Moments {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * Over every axis but `axis`. Where the backend has the fused kernel: two passes, the second about the first's
 * mean (the corrected two-pass formula, as stable as tf.moments' mean-then-squared-deviations); else tf.moments.
 */
export function batchMoments(x: tf.Tensor, axis: number): Moments {
  const channels = x.shape[axis] ?? 0;
  const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
  const fused = axis === x.rank - 1 && channels % 4 === 0 && tf.getKernel(ShiftedMoments, tf.getBackend()) !== undefined;
  if (!fused) {
    const { mean, variance } = tf.moments(x, reduce);
    return { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
  }
  return tf.tidy(() => {
    const count = x.size / channels;
    const sums = (shift: tf.Tensor1D) => tf.unstack(tf.engine().runKernel(ShiftedMoments, { x, shift }) as tf.Tensor2D) as tf.Tensor1D[];
    const rough = tf.div(sums(tf.zeros([channels]))[0]!, count) as tf.Tensor1D;
    const [deviation, squares] = sums(rough) as [tf.Tensor1D, tf.Tensor1D];
    const offset = tf.div(deviation, count);
    return {
      mean: tf.add(rough, offset) as tf.Tensor1D,
      variance: tf.relu(tf.sub(tf.div(squares, count), tf.square(offset))) as tf.Tensor1D,
    };
  });
}
