// A batch's per-channel mean and (biased) variance, as batch norm in training mode takes them.
import * as tf from '@tensorflow/tfjs';
import { BatchMoments } from '../wasm/kernels/BatchMoments';
import { channelKernelFits } from './channel-kernel-fits';

export interface Moments {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** Over every axis but `axis`: one fused kernel where the backend has it (two passes), else tf.moments (four). */
export function batchMoments(x: tf.Tensor, axis: number): Moments {
  if (channelKernelFits(BatchMoments, x, axis)) {
    const [mean, variance] = tf.engine().runKernel(BatchMoments, { x }) as [tf.Tensor1D, tf.Tensor1D];
    return { mean, variance };
  }
  const { mean, variance } = tf.moments(x, x.shape.map((_, i) => i).filter((i) => i !== axis));
  return { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
}
