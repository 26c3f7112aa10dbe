// Data-parallel steps against one training session on the main thread: same updates, cache filled and used.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNet, type Net, type NetOptions } from '@finetune/nets';
import { initBackend } from '../backend';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { FeatureCache } from '../training/feature-cache';
import { createTrainingSession } from '../training/training-session';
import { readNetWeights, writeNetWeights } from './net-weights';
import { createParallelTrainer } from './parallel-trainer';
import { WorkerTaskError } from './parallel-errors';
import { NetWorkerPool } from './worker-pool';
import { maxAbsDifference, SMALL_NET, smallImages } from './testing';

// No dropout, so the workers' steps and the session's are deterministic and comparable. 64 pixels, so the last
// batch norms see 2x2 maps: at 1x1 over 2 examples they make the gradients chaotic and no comparison holds.
const OPTIONS: NetOptions = { numClasses: 5, imageSize: 64, depthMultiplier: 0.35, dropoutKeepProb: 1 };
const LEARNING_RATE = 0.001;
const LABELS = Int32Array.from([0, 3, 1, 4, 2]);
const IMAGES = smallImages(5, 21, 64);
const IDS = ['a', 'b', 'c', 'd', 'e'];

function sessionOf(net: Net, trainableNames: string[], extra: { microBatch?: number; featureCache?: FeatureCache; classWeights?: number[] }) {
  return createTrainingSession({
    model: net.model,
    variables: net.variables,
    trainableNames,
    optimizer: getOptimizer('rmsprop'),
    schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
    weightDecay: 0.01,
    labelSmoothing: 0.1,
    ...extra,
  });
}

describe('parallel trainer', () => {
  let pool: NetWorkerPool;
  let start: Map<string, Float32Array>;

  beforeAll(async () => {
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    const net = getNet(SMALL_NET).build(OPTIONS);
    start = readNetWeights(net);
    net.model.dispose();
    pool = await NetWorkerPool.start({ netName: SMALL_NET, netOptions: OPTIONS, weights: start, workers: 2 });
  });

  afterAll(async () => {
    await pool?.dispose();
  });

  it('parallel trainer - two steps of every layer over 2 workers equal one session with micro-batches of the shares', async () => {
    const reference = getNet(SMALL_NET).build(OPTIONS);
    writeNetWeights(reference, start, 'the test', true);
    const trainable = [...reference.variables].filter(([, v]) => v.trainable).map(([name]) => name);
    // Batch 5 over 2 workers is shares of 3 and 2: micro-batches of 3 normalise over the same examples.
    const session = sessionOf(reference, trainable, { microBatch: 3 });
    const trainer = await createParallelTrainer({
      netName: SMALL_NET,
      netOptions: OPTIONS,
      weights: start,
      pool,
      trainableNames: trainable,
      optimizer: getOptimizer('rmsprop'),
      schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
      weightDecay: 0.01,
      labelSmoothing: 0.1,
    });
    try {
      const step = async () => {
        const images = tf.tensor4d(IMAGES, [5, 64, 64, 3]);
        const expected = await session.step(images, LABELS);
        images.dispose();
        return { expected, got: await trainer.step(IMAGES, 5, LABELS) };
      };
      const first = await step();
      expect(first.got.globalStep).toBe(1);
      expect(first.got.loss).toBeCloseTo(first.expected.loss, 5);
      expect(first.got.regularization).toBeCloseTo(first.expected.regularization, 6);
      const after = trainer.weights();
      const worst = Math.max(...trainable.map((name) => maxAbsDifference(after.get(name)!, reference.variables.get(name)!.read().dataSync() as Float32Array)));
      expect(worst).toBeLessThan(1e-5);
      for (const [name, v] of reference.variables) {
        if (!name.endsWith('moving_mean')) continue;
        expect(maxAbsDifference(after.get(name)!, v.read().dataSync() as Float32Array), name).toBeLessThan(1e-5);
      }
      // The workers got the update: the second step's loss is the session's.
      const second = await step();
      expect(second.got.globalStep).toBe(2);
      expect(second.got.loss).toBeCloseTo(second.expected.loss, 4);
      expect(Math.abs(second.got.loss - first.got.loss)).toBeGreaterThan(1e-3);
    } finally {
      session.dispose();
      reference.model.dispose();
      await trainer.dispose();
    }
  });

  it("parallel trainer - given this thread's net, trains its variables in place (no second copy) and leaves them to it", async () => {
    const net = getNet(SMALL_NET).build(OPTIONS);
    writeNetWeights(net, start, 'the test', true);
    const trainable = [...net.variables].filter(([, v]) => v.trainable).map(([name]) => name);
    const options = {
      netName: SMALL_NET,
      netOptions: OPTIONS,
      weights: start,
      pool,
      trainableNames: trainable,
      schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
      weightDecay: 0.01,
    };
    const copying = await createParallelTrainer({ ...options, optimizer: getOptimizer('rmsprop') });
    const copied = (await copying.step(IMAGES, 5, LABELS)).loss;
    const expected = copying.weights();
    await copying.dispose();
    const before = tf.memory().numTensors;
    const inPlace = await createParallelTrainer({ ...options, variables: net.variables, optimizer: getOptimizer('rmsprop') });
    try {
      // Only the optimizer's two slots per trained variable are new here.
      expect(tf.memory().numTensors - before).toBe(2 * trainable.length);
      expect((await inPlace.step(IMAGES, 5, LABELS)).loss).toBe(copied);
      const got = inPlace.weights();
      for (const name of trainable) {
        const values = net.variables.get(name)!.read().dataSync() as Float32Array;
        expect(maxAbsDifference(values, got.get(name)!), name).toBe(0);
        expect(maxAbsDifference(values, expected.get(name)!), name).toBe(0);
      }
      expect(trainable.some((name) => maxAbsDifference(got.get(name)!, start.get(name)!) > 0)).toBe(true);
    } finally {
      await inPlace.dispose();
    }
    expect(net.variables.get(trainable[0]!)!.read().isDisposed).toBe(false);
    net.model.dispose();
  });

  it('parallel trainer - head only fills the main thread feature cache, then trains from it as a session does', async () => {
    const reference = getNet(SMALL_NET).build(OPTIONS);
    writeNetWeights(reference, start, 'the test', true);
    const head = [...reference.variables.keys()].filter((name) => name.includes('/Logits/'));
    const referenceCache = new FeatureCache();
    const session = sessionOf(reference, head, { featureCache: referenceCache });
    const cache = new FeatureCache();
    const trainer = await createParallelTrainer({
      netName: SMALL_NET,
      netOptions: OPTIONS,
      weights: start,
      pool,
      trainableNames: head,
      optimizer: getOptimizer('rmsprop'),
      schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
      weightDecay: 0.01,
      labelSmoothing: 0.1,
      featureCache: cache,
    });
    try {
      expect(trainer.isCached(IDS)).toBe(false);
      const images = tf.tensor4d(IMAGES, [5, 64, 64, 3]);
      const first = await session.step(images, LABELS, { exampleIds: IDS });
      images.dispose();
      expect((await trainer.step(IMAGES, 5, LABELS, { exampleIds: IDS })).loss).toBeCloseTo(first.loss, 5);
      expect(trainer.isCached(IDS)).toBe(true);
      expect(maxAbsDifference(cache.get('d')![0]!, referenceCache.get('d')![0]!)).toBeLessThan(1e-5);
      const second = await session.stepFromCache(IDS, LABELS);
      expect((await trainer.stepFromCache(IDS, LABELS)).loss).toBeCloseTo(second.loss, 5);
      const after = trainer.weights();
      for (const name of head) {
        expect(maxAbsDifference(after.get(name)!, reference.variables.get(name)!.read().dataSync() as Float32Array), name).toBeLessThan(1e-5);
      }
    } finally {
      session.dispose();
      reference.model.dispose();
      referenceCache.close();
      cache.close();
      await trainer.dispose();
    }
  });

  it('parallel trainer - a bad label fails the step with the worker error kind, and the next step still works', async () => {
    const head = [...start.keys()].filter((name) => name.includes('/Logits/'));
    const trainer = await createParallelTrainer({
      netName: SMALL_NET,
      netOptions: OPTIONS,
      weights: start,
      pool,
      trainableNames: head,
      optimizer: getOptimizer('sgd'),
      schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
    });
    try {
      const bad = trainer.step(IMAGES, 5, Int32Array.from([0, 1, 2, 3, 9]));
      await expect(bad).rejects.toBeInstanceOf(WorkerTaskError);
      await expect(bad).rejects.toMatchObject({ remoteName: 'InvalidBatchError', kind: 'invalid-argument' });
      await expect(trainer.step(IMAGES, 4, LABELS)).rejects.toThrow(/images/);
      expect(trainer.globalStep).toBe(0);
      expect((await trainer.step(IMAGES, 5, LABELS)).globalStep).toBe(1);
    } finally {
      await trainer.dispose();
    }
  });

  it('parallel trainer - class weights reach the workers: the weighted loss and update are one weighted session’s', async () => {
    const reference = getNet(SMALL_NET).build(OPTIONS);
    writeNetWeights(reference, start, 'the test', true);
    const head = [...reference.variables.keys()].filter((name) => name.includes('/Logits/'));
    const classWeights = [0.5, 1, 4, 1, 2];
    const session = sessionOf(reference, head, { classWeights });
    // One trainer at a time: a trainer's train-init replaces the shared pool's sessions.
    const trainerOf = (weights?: number[]) =>
      createParallelTrainer({
        netName: SMALL_NET,
        netOptions: OPTIONS,
        weights: start,
        pool,
        trainableNames: head,
        optimizer: getOptimizer('rmsprop'),
        schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
        weightDecay: 0.01,
        labelSmoothing: 0.1,
        classWeights: weights,
      });
    const plain = await trainerOf();
    const unweighted = await plain.step(IMAGES, 5, LABELS);
    await plain.dispose();
    const trainer = await trainerOf(classWeights);
    try {
      const images = tf.tensor4d(IMAGES, [5, 64, 64, 3]);
      const expected = await session.step(images, LABELS);
      images.dispose();
      const got = await trainer.step(IMAGES, 5, LABELS);
      expect(got.crossEntropy).toBeCloseTo(expected.crossEntropy, 5);
      expect(Math.abs(got.crossEntropy - unweighted.crossEntropy)).toBeGreaterThan(1e-2);
      const after = trainer.weights();
      for (const name of head) {
        expect(maxAbsDifference(after.get(name)!, reference.variables.get(name)!.read().dataSync() as Float32Array), name).toBeLessThan(1e-5);
      }
    } finally {
      session.dispose();
      reference.model.dispose();
      await trainer.dispose();
    }
  });
});
