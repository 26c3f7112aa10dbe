// The loss of train_image_classifier: softmax cross-entropy on logits (+ 0.4 x the aux head's), label smoothing,
// and per-example weights (--class_weights) as tf.losses.softmax_cross_entropy's `weights`.
import * as tf from '@tensorflow/tfjs';

/** Slim weighs the AuxLogits loss by 0.4 in train_image_classifier. */
export const AUX_LOSS_WEIGHT = 0.4;

export interface LossTerms {
  /** Sum over the micro-batch of the logits' cross-entropy, divided by the full batch size. */
  crossEntropy: tf.Scalar;
  /** The same for the aux logits, already weighted (zero without aux logits). */
  auxLoss: tf.Scalar;
  total: tf.Scalar;
}

/**
 * tf.losses.softmax_cross_entropy targets: one-hot * (1 - smoothing) + smoothing / classes.
 * Labels are validated by the caller.
 */
export function smoothedTargets(labels: tf.Tensor1D, numClasses: number, labelSmoothing: number): tf.Tensor2D {
  return tf.tidy(() => {
    const onehot = tf.oneHot(labels, numClasses).toFloat();
    if (labelSmoothing === 0) return onehot as tf.Tensor2D;
    return tf.add(tf.mul(onehot, 1 - labelSmoothing), labelSmoothing / numClasses) as tf.Tensor2D;
  });
}

/** Per-example cross-entropy (times its weight) summed, so micro-batches add up to the full batch's mean once divided by it. */
function summedCrossEntropy(logits: tf.Tensor, targets: tf.Tensor2D, weights: tf.Tensor1D | undefined): tf.Scalar {
  const perExample = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1));
  return tf.sum(weights ? tf.mul(perExample, weights) : perExample) as tf.Scalar;
}

/** One weight per example: its label's class weight. */
export function exampleWeights(labels: tf.Tensor1D, classWeights: tf.Tensor1D): tf.Tensor1D {
  return tf.gather(classWeights, labels);
}

/**
 * Loss terms of one micro-batch, scaled by 1 / `fullBatchSize` so that summing them over the micro-batches
 * gives the reference's per-batch mean (tf.losses' SUM_BY_NONZERO_WEIGHTS reduction) exactly. With `weights`, each
 * example's term is multiplied by its weight and the sum is still divided by the batch size (every weight of
 * `balanced` is above zero, so SUM_BY_NONZERO_WEIGHTS divides by the same count).
 */
export function classificationLoss(
  logits: tf.Tensor,
  auxLogits: tf.Tensor | null,
  targets: tf.Tensor2D,
  fullBatchSize: number,
  auxLossWeight: number,
  weights?: tf.Tensor1D,
): LossTerms {
  const crossEntropy = tf.div(summedCrossEntropy(logits, targets, weights), fullBatchSize) as tf.Scalar;
  const auxLoss =
    auxLogits && auxLossWeight !== 0
      ? (tf.mul(summedCrossEntropy(auxLogits, targets, weights), auxLossWeight / fullBatchSize) as tf.Scalar)
      : tf.scalar(0);
  return { crossEntropy, auxLoss, total: tf.add(crossEntropy, auxLoss) as tf.Scalar };
}
