// Collects batch-norm moments over the micro-batches of one step and applies one moving-average update per step.
import * as tf from '@tensorflow/tfjs';
import type { BatchNormSpec } from './batch-norm-spec';
import type { BatchMoments } from './batch-norm-training';

interface Pooled {
  spec: BatchNormSpec;
  count: number;
  mean: tf.Tensor1D;
  /** Sum of squared deviations from `mean` (Chan et al.'s M2), so pooling needs no E[x^2] - mean^2. */
  m2: tf.Tensor1D;
}

/**
 * Pools micro-batch moments into the moments of the whole batch, exactly, so a step updates the moving
 * averages as one full-batch call would: once, with decay d, `moving -= (moving - batch) * (1 - d)`.
 * The moving variance gets the unbiased batch variance (n / (n - 1)), as TF's fused batch norm, which Slim uses.
 */
export class MovingStatistics {
  private readonly pooled = new Map<BatchNormSpec, Pooled>();

  /** Takes ownership of the moments' tensors. */
  add(m: BatchMoments): void {
    const m2 = tf.tidy(() => tf.mul(m.variance, m.count)) as tf.Tensor1D;
    m.variance.dispose();
    const current = this.pooled.get(m.spec);
    if (!current) {
      this.pooled.set(m.spec, { spec: m.spec, count: m.count, mean: m.mean, m2 });
      return;
    }
    const total = current.count + m.count;
    const [mean, pooledM2] = tf.tidy(() => {
      const delta = tf.sub(m.mean, current.mean);
      return [
        tf.add(current.mean, tf.mul(delta, m.count / total)),
        tf.add(tf.add(current.m2, m2), tf.mul(tf.square(delta), (current.count * m.count) / total)),
      ] as tf.Tensor1D[];
    });
    tf.dispose([current.mean, current.m2, m.mean, m2]);
    this.pooled.set(m.spec, { spec: m.spec, count: total, mean: mean!, m2: pooledM2! });
  }

  get size(): number {
    return this.pooled.size;
  }

  /** Writes the moving averages and forgets the step. */
  apply(): void {
    for (const { spec, count, mean, m2 } of this.pooled.values()) {
      tf.tidy(() => {
        const variance = tf.div(m2, Math.max(count - 1, 1));
        const blend = (moving: tf.LayerVariable, batch: tf.Tensor) => {
          const old = moving.read();
          moving.write(tf.sub(old, tf.mul(tf.sub(old, batch), 1 - spec.decay)));
        };
        blend(spec.movingMean, mean);
        blend(spec.movingVariance, variance);
      });
    }
    this.discard();
  }

  /** Drops the step's moments without touching the model (a rejected step). */
  discard(): void {
    for (const { mean, m2 } of this.pooled.values()) tf.dispose([mean, m2]);
    this.pooled.clear();
  }
}
