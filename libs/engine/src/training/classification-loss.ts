// The loss of train_image_classifier: softmax cross-entropy on logits (+ 0.4 x the aux head's), label smoothing.
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

/** Per-example cross-entropy summed, so micro-batches add up to the full batch's mean once divided by it. */
function summedCrossEntropy(logits: tf.Tensor, targets: tf.Tensor2D): tf.Scalar {
  return tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)))) as tf.Scalar;
}

/**
 * Loss terms of one micro-batch, scaled by 1 / `fullBatchSize` so that summing them over the micro-batches
 * gives the reference's per-batch mean (tf.losses' SUM_BY_NONZERO_WEIGHTS reduction) exactly.
 */
export function classificationLoss(
  logits: tf.Tensor,
  auxLogits: tf.Tensor | null,
  targets: tf.Tensor2D,
  fullBatchSize: number,
  auxLossWeight: number,
): LossTerms {
  const crossEntropy = tf.div(summedCrossEntropy(logits, targets), fullBatchSize) as tf.Scalar;
  const auxLoss =
    auxLogits && auxLossWeight !== 0
      ? (tf.mul(summedCrossEntropy(auxLogits, targets), auxLossWeight / fullBatchSize) as tf.Scalar)
      : tf.scalar(0);
  return { crossEntropy, auxLoss, total: tf.add(crossEntropy, auxLoss) as tf.Scalar };
}
