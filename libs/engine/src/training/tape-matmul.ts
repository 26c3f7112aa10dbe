// A 2-D matmul for the gradient tape that, for a few rows against a large kernel, keeps wasm from repacking the kernel.
import * as tf from '@tensorflow/tfjs';

/**
 * x [M, K] times w [K, N]. wasm's matmul packs its second operand for XNNPACK on every new tensor, and a trained
 * kernel is a new tensor each step: ~35-50 ms for inception_v3's 3200x768 AuxLogits kernel, against ~2 ms for
 * the product. Its transposes are slow too (~80 M elements/s), and the standard gradient dy · wᵀ transposes w.
 * So when the batch side is small (M·(K+N) < K·N elements) the kernel is only ever the first operand:
 * y = (wᵀ · xᵀ)ᵀ (one transpose of w, about half the packing), dx = (w · dyᵀ)ᵀ, dw = xᵀ · dy; everything else
 * transposed is M rows. Otherwise it is tf.matMul with its usual gradient.
 */
export function tapeMatMul(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const [m = 0, k = 0] = x.shape;
  const n = w.shape[1] ?? 0;
  if (m * (k + n) >= k * n) return tf.matMul(x, w);
  return smallBatchMatMul(x, w);
}

const smallBatchMatMul = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.transpose(tf.matMul(tf.transpose(w), tf.transpose(x))),
    gradFunc: (dy, saved) => {
      const [a, b] = saved as [tf.Tensor2D, tf.Tensor2D];
      const d = (Array.isArray(dy) ? dy[0] : dy) as tf.Tensor2D;
      return [tf.transpose(tf.matMul(b, tf.transpose(d))), tf.matMul(tf.transpose(a), d)];
    },
  };
}) as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor;
