// relu6 in the gradient tape as one clip with its own gradient: tfjs-layers computes minimum(6, relu(x)), two
// passes forward and five back; here one each where the backend has the fused gradient kernel.
import * as tf from '@tensorflow/tfjs';
import { Relu6Grad } from '../wasm/kernels/Relu6Grad';

/** dy where 0 < x < 6, else 0: Keras's relu6 gradient, ties at 0 and 6 included (both give 0). */
function relu6Gradient(x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  if (x.size % 4 === 0 && tf.getKernel(Relu6Grad, tf.getBackend()) !== undefined) {
    return tf.engine().runKernel(Relu6Grad, { x, dy }) as tf.Tensor;
  }
  return tf.tidy(() => tf.mul(dy, tf.cast(tf.logicalAnd(tf.greater(x, 0), tf.less(x, 6)), 'float32')));
}

/** Same values as tfjs-layers' relu6. */
export const tapeRelu6: (x: tf.Tensor) => tf.Tensor = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  return {
    value: tf.clipByValue(x, 0, 6),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => relu6Gradient(saved[0]!, dy),
  };
});
