// Batch norm run by the engine: tfjs's own call() cannot train without gamma (Slim's scale=False, all of
// Inception), cannot even be differentiated through without it, and updates moving averages once per call.
import * as tf from '@tensorflow/tfjs';
import type { BatchNormSpec } from './batch-norm-spec';

/** The statistics of one call, kept (cloned out of any tape) until the step is accepted. */
export interface BatchMoments {
  readonly spec: BatchNormSpec;
  readonly mean: tf.Tensor1D;
  readonly variance: tf.Tensor1D;
  /** Values per channel the moments were taken over (batch * height * width). */
  readonly count: number;
}

/**
 * Normalises `x` with its own batch moments and hands the moments to `record`, which must keep them
 * (they are created inside the gradient tape, whose saved tensors are disposed after backprop).
 */
export function batchNormTraining(x: tf.Tensor, spec: BatchNormSpec, record: (m: BatchMoments) => void): tf.Tensor {
  const axis = spec.axis < 0 ? spec.axis + x.rank : spec.axis;
  const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
  const { mean, variance } = tf.moments(x, reduce);
  const count = reduce.reduce((n, i) => n * (x.shape[i] ?? 1), 1);
  record({
    spec,
    mean: tf.keep(mean.clone()) as tf.Tensor1D,
    variance: tf.keep(variance.clone()) as tf.Tensor1D,
    count,
  });
  return normalize(x, spec, mean, variance);
}

/** Normalises with the moving averages (training=false), safe inside a gradient tape. */
export function batchNormInference(x: tf.Tensor, spec: BatchNormSpec): tf.Tensor {
  return normalize(x, spec, spec.movingMean.read(), spec.movingVariance.read());
}

function normalize(x: tf.Tensor, spec: BatchNormSpec, mean: tf.Tensor, variance: tf.Tensor): tf.Tensor {
  const axis = spec.axis < 0 ? spec.axis + x.rank : spec.axis;
  const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
  const shape = (t: tf.Tensor) => (axis === x.rank - 1 ? t : tf.reshape(t, broadcast));
  return tf.batchNorm(
    x,
    shape(mean),
    shape(variance),
    spec.beta ? shape(spec.beta.read()) : undefined,
    // tfjs's batchNorm gradient saves `scale` for backprop and fails when it is absent: use explicit ones.
    spec.gamma ? shape(spec.gamma.read()) : tf.onesLike(shape(mean)),
    spec.epsilon,
  );
}
