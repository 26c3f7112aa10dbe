// Batch norm's closed-form gradient and the fused moments against tfjs differentiating moments and batchNorm itself.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu } from '../testing';
import { batchMoments } from './batch-moments';
import { batchNormGradients } from './batch-norm-gradient';
import { maxAbsDiff } from './testing';

const EPSILON = 0.001;

/** The reference: x, gamma, beta -> sum(batchNorm(x) * weights), differentiated by the tape through tf.moments. */
function referenceGradients(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, weights: tf.Tensor, axis: number): tf.Tensor[] {
  const reduce = x.shape.map((_, i) => i).filter((i) => i !== axis);
  const along = (t: tf.Tensor) => (axis === x.rank - 1 ? t : tf.reshape(t, x.shape.map((d, i) => (i === axis ? d : 1))));
  const loss = (xs: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(xs, reduce);
    return tf.sum(tf.mul(tf.batchNorm(xs, along(mean), along(variance), along(b), along(g), EPSILON), weights));
  };
  return tf.grads(loss)([x, gamma, beta]);
}

/** Values on cpu, so both backends are compared with the same reference. */
function hostCopies(ts: tf.Tensor[]): { shape: number[]; values: Float32Array }[] {
  return ts.map((t) => ({ shape: t.shape, values: Float32Array.from(t.dataSync()) }));
}

describe('batch norm gradient', () => {
  beforeAll(initWasmAndCpu);

  // 8 channels last take the fused wasm kernels; 3 channels and axis 1 the ops on either backend.
  for (const [shape, axis] of [[[3, 4, 5, 8], 3], [[3, 4, 5, 3], 3], [[2, 4, 3, 3], 1]] as const) {
    for (const backend of ['cpu', 'wasm'] as const) {
      it(`batch norm gradient - [${shape}] axis ${axis} on ${backend}: dx, dgamma, dbeta equal the tape's through tf.moments`, async () => {
        await tf.setBackend('cpu');
        const channels = shape[axis];
        const seeds = { x: 1, gamma: 2, beta: 3, weights: 4 };
        const make = () => ({
          x: tf.add(tf.mul(tf.randomUniform([...shape], -1, 1, 'float32', seeds.x), 3), 2),
          gamma: tf.randomUniform([channels], 0.5, 1.5, 'float32', seeds.gamma) as tf.Tensor1D,
          beta: tf.randomUniform([channels], -1, 1, 'float32', seeds.beta) as tf.Tensor1D,
          weights: tf.randomUniform([...shape], -1, 1, 'float32', seeds.weights),
        });
        const r = make();
        const expected = hostCopies(referenceGradients(r.x, r.gamma, r.beta, r.weights, axis));
        await tf.setBackend(backend);
        const t = make();
        tf.tidy(() => {
          const { mean, variance } = batchMoments(t.x, axis);
          const { dx, dgamma, dbeta } = batchNormGradients(t.x, t.weights, mean, variance, t.gamma, EPSILON, axis);
          [dx, dgamma, dbeta].forEach((g, i) => {
            const e = expected[i]!;
            expect(g.shape, `gradient ${i}`).toEqual(e.shape);
            expect(maxAbsDiff(g, tf.tensor(e.values, e.shape)), `gradient ${i}`).toBeLessThan(1e-4);
          });
        });
      });
    }
  }

  it('batch norm gradient - fused moments stay exact for a channel far from zero (mean 1000, spread 1)', async () => {
    await tf.setBackend('wasm');
    tf.tidy(() => {
      const x = tf.add(tf.randomUniform([4, 16, 16, 8], -1, 1, 'float32', 5), 1000);
      const ours = batchMoments(x, 3);
      const theirs = tf.moments(x, [0, 1, 2]);
      expect(maxAbsDiff(ours.mean, theirs.mean)).toBeLessThan(1e-3);
      // Uniform on [-1, 1): variance 1/3. A one-pass sum of squares would lose it entirely at this offset in float32.
      expect(maxAbsDiff(ours.variance, theirs.variance)).toBeLessThan(1e-3);
      expect(Math.abs(ours.variance.dataSync()[0]! - 1 / 3)).toBeLessThan(0.05);
    });
  });
});
