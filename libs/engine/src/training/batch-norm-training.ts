// Batch norm run by the engine: tfjs's own call() cannot train without gamma (Slim's scale=False, all of
// Inception), cannot even be differentiated through without it, and updates moving averages once per call.
import * as tf from '@tensorflow/tfjs';
import type { BatchNormSpec } from './batch-norm-spec';
import { batchNormGradients } from './batch-norm-gradient';
import { batchMoments } from './batch-moments';

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
 * (they are created inside the gradient tape, whose saved tensors are disposed after backprop). The gradient is
 * batch norm's closed form (batchNormGradients), not the tape's walk back through the moments.
 */
export function batchNormTraining(x: tf.Tensor, spec: BatchNormSpec, record: (m: BatchMoments) => void): tf.Tensor {
  const axis = spec.axis < 0 ? spec.axis + x.rank : spec.axis;
  const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
  const channels = x.shape[axis] ?? 0;
  const count = reduce.reduce((n, i) => n * (x.shape[i] ?? 1), 1);
  // Absent parameters (Slim's scale=False) as constants: their gradients reach no variable.
  const gamma = spec.gamma ? spec.gamma.read() : tf.ones([channels]);
  const beta = spec.beta ? spec.beta.read() : tf.zeros([channels]);
  const closedForm = tf.customGrad((...args) => {
    const [input, g, b, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const { mean, variance } = batchMoments(input, axis);
    record({
      spec,
      mean: tf.keep(mean.clone()) as tf.Tensor1D,
      variance: tf.keep(variance.clone()) as tf.Tensor1D,
      count,
    });
    save([input, mean, variance, g]);
    return {
      value: normalize(input, spec, mean, variance, g, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, m, v, gs] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
        const { dx, dgamma, dbeta } = batchNormGradients(xs, dy, m, v, gs, spec.epsilon, axis);
        return [dx, dgamma, dbeta];
      },
    };
  });
  return closedForm(x, gamma, beta);
}

/** Normalises with the moving averages (training=false), safe inside a gradient tape. */
export function batchNormInference(x: tf.Tensor, spec: BatchNormSpec): tf.Tensor {
  // tfjs's batchNorm gradient saves `scale` for backprop and fails when it is absent: use explicit ones.
  const gamma = spec.gamma ? spec.gamma.read() : tf.onesLike(spec.movingMean.read());
  return normalize(x, spec, spec.movingMean.read(), spec.movingVariance.read(), gamma, spec.beta?.read());
}

function normalize(x: tf.Tensor, spec: BatchNormSpec, mean: tf.Tensor, variance: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor | undefined): tf.Tensor {
  const axis = spec.axis < 0 ? spec.axis + x.rank : spec.axis;
  const broadcast = x.shape.map((d, i) => (i === axis ? d : 1));
  const shape = (t: tf.Tensor) => (axis === x.rank - 1 ? t : tf.reshape(t, broadcast));
  return tf.batchNorm(x, shape(mean), shape(variance), beta ? shape(beta) : undefined, shape(gamma), spec.epsilon);
}
