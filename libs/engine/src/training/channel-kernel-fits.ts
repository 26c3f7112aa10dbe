// Whether one of Finetune's per-channel SIMD kernels can take an activation on the current backend.
import * as tf from '@tensorflow/tfjs';

/** Registered on this backend (wasm only), channels last along `axis`, and a multiple of 4 of them (the SIMD width). */
export function channelKernelFits(kernel: string, x: tf.Tensor, axis: number): boolean {
  const channels = x.shape[axis] ?? 0;
  return axis === x.rank - 1 && channels > 0 && channels % 4 === 0 && tf.getKernel(kernel, tf.getBackend()) !== undefined;
}
