// Slim's weights_regularizer=l2_regularizer(weight_decay): weight_decay * sum(w^2) / 2 per regularised variable.
import * as tf from '@tensorflow/tfjs';

/** --weight_decay default of train_image_classifier. */
export const WEIGHT_DECAY = 0.00004;

/**
 * Slim's arg scopes regularise conv and fully connected `weights`; biases, batch-norm parameters and
 * (MobileNet's regularize_depthwise=False) `depthwise_weights` are not.
 */
export function isRegularizedByDefault(name: string): boolean {
  return name.endsWith('/weights');
}

/** The L2 term of the loss; its gradient, weight_decay * w, is added to the accumulated gradients directly. */
export function l2Loss(weights: readonly tf.Tensor[], weightDecay: number): tf.Scalar {
  if (weights.length === 0 || weightDecay === 0) return tf.scalar(0);
  // Each square in its own tidy: together they would hold a copy of every regularised weight at once.
  const sums = weights.map((w) => tf.tidy(() => tf.sum(tf.square(w))));
  try {
    return tf.tidy(() => tf.mul(tf.addN(sums), weightDecay / 2) as tf.Scalar);
  } finally {
    tf.dispose(sums);
  }
}
