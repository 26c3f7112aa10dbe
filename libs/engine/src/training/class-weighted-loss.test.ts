// --class_weights in the loss: an example weighted w counts as w copies of it, in the loss and in the update.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { classificationLoss, exampleWeights, smoothedTargets } from './classification-loss';
import { namesUnder, tinyBatch, tinyNet, type TinyNet } from './testing';
import { createTrainingSession } from './training-session';
import type { TrainingSessionOptions } from './training-options';

const HEAD = ['Tiny/Logits'];
const LOGITS = 'Tiny/Logits/Conv2d_1c_1x1/weights';

function session(net: TinyNet, extra: Partial<TrainingSessionOptions> = {}) {
  return createTrainingSession({
    model: net.model,
    variables: net.variables,
    trainableNames: namesUnder(net.variables, HEAD),
    optimizer: getOptimizer('sgd'),
    schedule: getSchedule('fixed', { learningRate: 0.5, numSamplesPerEpoch: 1, batchSize: 1 }),
    weightDecay: 0,
    labelSmoothing: 0.1,
    ...extra,
  });
}

describe('class weighted loss', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('class weighted loss - each example’s cross-entropy, logits and aux alike, is multiplied by its weight', () => {
    tf.tidy(() => {
      const logits = tf.tensor2d([[2, 0, -1], [0.5, 1.5, 0], [-1, 0, 3]]);
      const aux = tf.tensor2d([[0, 1, 0], [1, 0, 0], [0, 0, 1]]);
      const labels = tf.tensor1d([0, 1, 2], 'int32');
      const targets = smoothedTargets(labels, 3, 0);
      const weights = exampleWeights(labels, tf.tensor1d([0.5, 2, 1]));
      const ce = (l: tf.Tensor2D) => tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(l)), 1)).arraySync() as number[];
      const [a, b, c] = ce(logits as tf.Tensor2D);
      const [x, y, z] = ce(aux as tf.Tensor2D);
      const terms = classificationLoss(logits, aux, targets, 3, 0.4, weights);
      expect(terms.crossEntropy.arraySync()).toBeCloseTo((0.5 * a! + 2 * b! + c!) / 3, 6);
      expect(terms.auxLoss.arraySync()).toBeCloseTo((0.4 * (0.5 * x! + 2 * y! + z!)) / 3, 6);
      expect(classificationLoss(logits, aux, targets, 3, 0.4).crossEntropy.arraySync()).toBeCloseTo((a! + b! + c!) / 3, 6);
    });
  });

  it('class weighted loss - a session weighting class 1 by 3 steps as if its example were in the batch 3 times', async () => {
    const { images, labels } = tinyBatch(3, 5);
    expect([...labels].sort()).toEqual([0, 1, 2]);
    const one = labels.indexOf(1);
    const order = [0, 1, 2].flatMap((i) => (i === one ? [i, i, i] : [i]));
    const repeated = tf.gather(images, order) as tf.Tensor4D;
    const weightedNet = tinyNet();
    const repeatedNet = tinyNet();
    const plainNet = tinyNet();
    const before = weightedNet.variables.get(LOGITS)!.read().clone();
    const weighted = session(weightedNet, { classWeights: [1, 3, 1] });
    const copies = session(repeatedNet);
    const plain = session(plainNet);
    try {
      const w = await weighted.step(images, labels);
      const r = await copies.step(repeated, Int32Array.from(order.map((i) => labels[i]!)));
      const p = await plain.step(images, labels);
      // (ce0 + 3 ce1 + ce2) over 3 examples against the same sum over 5.
      expect(w.crossEntropy).toBeCloseTo((r.crossEntropy * 5) / 3, 5);
      expect(Math.abs(w.crossEntropy - p.crossEntropy)).toBeGreaterThan(1e-3);
      const delta = (net: TinyNet) => tf.sub(net.variables.get(LOGITS)!.read(), before);
      const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(delta(weightedNet), tf.mul(delta(repeatedNet), 5 / 3)))).dataSync()[0]);
      expect(gap).toBeLessThan(1e-5);
    } finally {
      tf.dispose([images, repeated, before]);
      [weighted, copies, plain].forEach((s) => s.dispose());
    }
  });

  it('class weighted loss - weights must match the classes and be finite and >= 0', () => {
    expect(() => session(tinyNet(), { classWeights: [1, 2] })).toThrow(/classWeights.*2 weights for a model of 3 classes/);
    expect(() => session(tinyNet(), { classWeights: [1, -1, 1] })).toThrow(/classWeights.*must all be finite and >= 0/);
  });
});
