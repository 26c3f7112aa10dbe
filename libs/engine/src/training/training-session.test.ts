// Training sessions on tiny models: accumulation equals a full batch, nothing leaks, bad steps change nothing.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { maxAbsDiff, namesUnder, tinyBatch, tinyNet } from './testing';
import type { TinyNet } from './testing';
import { createTrainingSession, GLOBAL_STEP } from './training-session';
import type { TrainingSessionOptions } from './training-options';
import { InvalidBatchError, NonFiniteLossError, UnknownStateEntryError, UnknownVariableError } from './training-errors';

const HEAD = ['Tiny/Logits', 'Tiny/AuxLogits'];
const DEEPER = ['Tiny/Conv2d_2_pointwise', ...HEAD];

function session(net: TinyNet, scopes: string[], extra: Partial<TrainingSessionOptions> = {}) {
  return createTrainingSession({
    model: net.model,
    variables: net.variables,
    trainableNames: namesUnder(net.variables, scopes),
    optimizer: getOptimizer('rmsprop'),
    schedule: getSchedule('exponential', { numSamplesPerEpoch: 12, batchSize: 6, numEpochsPerDecay: 1, learningRate: 0.05 }),
    weightDecay: 0.01,
    labelSmoothing: 0.1,
    ...extra,
  });
}

function expectSameVariables(a: TinyNet, b: TinyNet, tolerance: number) {
  for (const [name, v] of a.variables) expect(maxAbsDiff(v.read(), b.variables.get(name)!.read()), name).toBeLessThan(tolerance);
}

describe('training session', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const microBatch of [2, 4]) {
    it(`training session - micro-batches of ${microBatch} give the loss and update of one full batch of 6`, async () => {
      const full = tinyNet({ aux: true });
      const micro = tinyNet({ aux: true });
      const a = session(full, HEAD, { microBatch: 6 });
      const b = session(micro, HEAD, { microBatch });
      for (const seed of [1, 2]) {
        const { images, labels } = tinyBatch(6, seed);
        const ra = await a.step(images, labels);
        const rb = await b.step(images, labels);
        expect(rb.microBatch).toBe(microBatch);
        expect(Math.abs(ra.loss - rb.loss)).toBeLessThan(1e-5);
        expect(Math.abs(ra.auxLoss - rb.auxLoss)).toBeLessThan(1e-5);
        expect(ra.auxLoss).toBeGreaterThan(0);
        expect(ra.regularization).toBeGreaterThan(0);
        expectSameVariables(full, micro, 1e-5);
        images.dispose();
      }
      a.dispose();
      b.dispose();
    });
  }

  it('training session - the aux head weighs 0.4 and weight decay is 0.5 * wd * sum(w^2) of trained weights only', async () => {
    const net = tinyNet({ aux: true });
    const s = session(net, HEAD, { microBatch: 6, labelSmoothing: 0 });
    const { images, labels } = tinyBatch(6, 3);
    const [logits, aux] = net.model.predict(images) as tf.Tensor[];
    const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);
    const ce = tf.losses.softmaxCrossEntropy(onehot, logits!).dataSync()[0]!;
    const auxCe = tf.losses.softmaxCrossEntropy(onehot, aux!).dataSync()[0]!;
    const weights = ['Tiny/Logits/Conv2d_1c_1x1/weights', 'Tiny/AuxLogits/Conv2d_2b_1x1/weights'];
    const l2 = weights.reduce((sum, n) => sum + tf.sum(tf.square(net.variables.get(n)!.read())).dataSync()[0]!, 0);
    const result = await s.step(images, labels);
    expect(result.crossEntropy).toBeCloseTo(ce, 5);
    expect(result.auxLoss).toBeCloseTo(0.4 * auxCe, 5);
    expect(result.regularization).toBeCloseTo((0.01 * l2) / 2, 6);
    expect(result.loss).toBeCloseTo(ce + 0.4 * auxCe + (0.01 * l2) / 2, 5);
    tf.dispose([logits, aux, onehot, images]);
    s.dispose();
  });

  it('training session - trained batch norms update their moving averages once per batch, pooled over micro-batches', async () => {
    const micro = tinyNet({ decay: 0.9 });
    const full = tinyNet({ decay: 0.9 });
    const { images, labels } = tinyBatch(6, 4);
    const bn = 'Tiny/Conv2d_2_pointwise/BatchNorm';
    // The batch norm's input does not depend on the micro-batch split (it follows the frozen boundary).
    const probe = tf.model({ inputs: full.model.inputs, outputs: full.model.getLayer('Tiny/Conv2d_2_pointwise').output as tf.SymbolicTensor });
    const { expectedMean, expectedVariance } = tf.tidy(() => {
      const x = probe.predict(images) as tf.Tensor;
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      const n = x.size / x.shape[3]!;
      const oldMean = full.variables.get(`${bn}/moving_mean`)!.read();
      const oldVariance = full.variables.get(`${bn}/moving_variance`)!.read();
      return {
        expectedMean: tf.keep(tf.add(tf.mul(oldMean, 0.9), tf.mul(mean, 0.1))),
        // The unbiased batch variance, as TF's fused batch norm feeds the moving average.
        expectedVariance: tf.keep(tf.add(tf.mul(oldVariance, 0.9), tf.mul(variance, (0.1 * n) / (n - 1)))),
      };
    });
    const a = session(micro, DEEPER, { microBatch: 2 });
    const b = session(full, DEEPER, { microBatch: 6 });
    await a.step(images, labels);
    await b.step(images, labels);
    for (const net of [micro, full]) {
      expect(maxAbsDiff(net.variables.get(`${bn}/moving_mean`)!.read(), expectedMean)).toBeLessThan(1e-5);
      expect(maxAbsDiff(net.variables.get(`${bn}/moving_variance`)!.read(), expectedVariance)).toBeLessThan(1e-5);
    }
    // Frozen batch norms ('inference') keep their statistics.
    const frozen = 'Tiny/Conv2d_1/BatchNorm/moving_mean';
    expect(maxAbsDiff(micro.variables.get(frozen)!.read(), tinyNet({ decay: 0.9 }).variables.get(frozen)!.read())).toBe(0);
    tf.dispose([expectedMean, expectedVariance, images]);
    a.dispose();
    b.dispose();
  });

  for (const [mode, scopes] of Object.entries({ head: HEAD, deeper: DEEPER, everything: ['Tiny'] })) {
    it(`training session - ${mode}: repeated steps leak no tensors`, async () => {
      const net = tinyNet({ aux: true, dropoutRate: 0.2 });
      const s = session(net, scopes, { microBatch: 2, frozenBatchNorm: mode === 'deeper' ? 'batch-statistics' : 'inference' });
      const { images, labels } = tinyBatch(5, 5);
      const labelTensor = tf.tensor1d(labels, 'int32');
      await s.step(images, labelTensor);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) await s.step(images, labelTensor);
      expect(tf.memory().numTensors).toBe(before);
      expect(s.globalStep).toBe(4);
      tf.dispose([images, labelTensor]);
      s.dispose();
    });
  }

  it('training session - a NaN loss throws NonFiniteLossError naming the step and changes nothing', async () => {
    const net = tinyNet({ aux: true });
    const s = session(net, DEEPER, { microBatch: 3 });
    const { images, labels } = tinyBatch(6, 6);
    await s.step(images, labels);
    const logits = net.variables.get('Tiny/Logits/Conv2d_1c_1x1/biases')!;
    logits.write(tf.tensor1d([Number.NaN, 0, 0]));
    const snapshot = s.exportState();
    const tensors = tf.memory().numTensors;
    await expect(s.step(images, labels)).rejects.toThrow(NonFiniteLossError);
    await expect(s.step(images, labels)).rejects.toThrow(/loss is NaN at step 1/);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(s.globalStep).toBe(1);
    const after = s.exportState();
    for (const [name, value] of snapshot) {
      if (name === 'Tiny/Logits/Conv2d_1c_1x1/biases') continue;
      expect(maxAbsDiff(after.get(name)!, value), name).toBe(0);
    }
    tf.dispose([...snapshot.values(), ...after.values(), images]);
    s.dispose();
  });

  it('training session - exported state (variables, TF-named slots, global_step) resumes the run exactly', async () => {
    const first = tinyNet({ aux: true, seed: 21 });
    const a = session(first, DEEPER, { microBatch: 3 });
    const batches = [tinyBatch(6, 7), tinyBatch(6, 8), tinyBatch(6, 9)];
    await a.step(batches[0]!.images, batches[0]!.labels);
    await a.step(batches[1]!.images, batches[1]!.labels);
    const state = a.exportState();
    expect(state.get(GLOBAL_STEP)?.dataSync()[0]).toBe(2);
    expect(state.has('Tiny/Logits/Conv2d_1c_1x1/weights/RMSProp')).toBe(true);
    expect(state.has('Tiny/Logits/Conv2d_1c_1x1/weights/RMSProp_1')).toBe(true);
    expect(state.has('Tiny/Conv2d_1/weights/RMSProp')).toBe(false);
    expect(state.has('Tiny/Conv2d_1/BatchNorm/moving_mean')).toBe(true);

    const second = tinyNet({ aux: true, seed: 99 });
    const b = session(second, DEEPER, { microBatch: 3 });
    b.importState(state);
    expect(b.globalStep).toBe(2);
    const ra = await a.step(batches[2]!.images, batches[2]!.labels);
    const rb = await b.step(batches[2]!.images, batches[2]!.labels);
    expect(rb.loss).toBeCloseTo(ra.loss, 6);
    expect(rb.learningRate).toBe(ra.learningRate);
    expectSameVariables(first, second, 1e-6);

    expect(() => b.importState(new Map([['Tiny/Logits/weights/Adam', tf.zeros([1])]]))).toThrow(UnknownStateEntryError);
    tf.dispose([...state.values(), ...batches.map((x) => x.images)]);
    a.dispose();
    b.dispose();
  });

  it('training session - bad names and batches fail with typed errors', async () => {
    const net = tinyNet();
    expect(() => session(net, [], { trainableNames: ['Tiny/Logits/Conv2d_1c_1x1/weightz'] })).toThrow(UnknownVariableError);
    expect(() => session(net, [], { trainableNames: ['Tiny/Logits/Conv2d_1c_1x1/weightz'] })).toThrow(
      /variables with the same scope: Tiny\/Logits\/Conv2d_1c_1x1\/weights/,
    );
    const s = session(net, HEAD);
    const { images } = tinyBatch(2, 1);
    await expect(s.step(images, Int32Array.from([0, 3]))).rejects.toThrow(/labels\[1\]: 3 is not a class index in \[0, 3\)/);
    await expect(s.step(images, Int32Array.from([0]))).rejects.toThrow(InvalidBatchError);
    const wrong = tf.zeros([2, 8, 8, 3]) as tf.Tensor4D;
    await expect(s.step(wrong, Int32Array.from([0, 1]))).rejects.toThrow(/does not fit the model input/);
    tf.dispose([images, wrong]);
    s.dispose();
  });

  it("training session - 'auto' micro-batch follows the memory budget", () => {
    const net = tinyNet();
    const small = session(net, ['Tiny'], { memoryBudgetBytes: 1 });
    const large = session(net, ['Tiny'], { memoryBudgetBytes: 1 << 30 });
    expect(small.microBatchFor(32)).toBe(1);
    expect(large.microBatchFor(32)).toBe(32);
    const perExample = 16 * 16 * 4 * 4 * 3;
    const mid = session(net, ['Tiny'], { memoryBudgetBytes: perExample * 40 });
    expect(mid.microBatchFor(32)).toBeGreaterThan(1);
    expect(mid.microBatchFor(32)).toBeLessThan(32);
    [small, large, mid].forEach((s) => s.dispose());
  });
});
