// Features computed by the workers are those a session on this thread caches for the same examples.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Net } from '@finetune/nets';
import { initBackend } from '../backend';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { FeatureCache } from '../training/feature-cache';
import { InvalidTrainingOptionError } from '../training/training-errors';
import { createTrainingSession } from '../training/training-session';
import { startFeatureWorkers, type FeatureWorkers } from './feature-workers';
import { maxAbsDifference, SMALL_NET, SMALL_NET_OPTIONS, smallImages, smallNet, trainBatchNorms } from './testing';

const HEAD = ['MobilenetV2/Logits/Conv2d_1c_1x1/weights', 'MobilenetV2/Logits/Conv2d_1c_1x1/biases'];
const IDS = ['a', 'b', 'c', 'd', 'e'];

describe('feature workers', () => {
  let net: Net;
  let weights: Map<string, Float32Array>;
  let cache: FeatureCache;
  let workers: FeatureWorkers;

  beforeAll(async () => {
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    net = smallNet(31).net;
    weights = trainBatchNorms(net, 600);
    cache = new FeatureCache();
    workers = await startFeatureWorkers({ netName: SMALL_NET, netOptions: SMALL_NET_OPTIONS, weights, workers: 2, trainableNames: HEAD, featureCache: cache });
  });

  afterAll(async () => {
    await workers?.dispose();
    cache?.close();
    net?.model.dispose();
  });

  it('feature workers - 5 examples over 2 workers are cached as a session here caches them', async () => {
    const images = smallImages(5, 8);
    await workers.cache(images, 5, IDS);
    const own = new FeatureCache();
    const session = createTrainingSession({
      model: net.model,
      variables: net.variables,
      trainableNames: HEAD,
      optimizer: getOptimizer('sgd'),
      schedule: getSchedule('fixed', { learningRate: 0.1, batchSize: 1, numSamplesPerEpoch: 1 }),
      featureCache: own,
    });
    try {
      const x = tf.tensor4d(images, [5, 32, 32, 3]);
      await session.cacheFeatures(x, IDS);
      x.dispose();
      expect(workers.boundaryShapes).toEqual(session.split.boundary.map((b) => b.shape));
      for (const id of IDS) {
        const mine = own.get(id)!;
        const theirs = cache.get(id)!;
        expect(theirs).toHaveLength(mine.length);
        mine.forEach((array, k) => expect(maxAbsDifference(theirs[k]!, array)).toBeLessThan(1e-5));
        // Not all zeros: the comparison would pass on nothing.
        expect(Math.max(...mine[0]!.map(Math.abs))).toBeGreaterThan(1e-3);
      }
    } finally {
      session.dispose();
      own.close();
    }
  });

  it('feature workers - batch statistics in the frozen part are refused: such features depend on the batch', async () => {
    await expect(
      startFeatureWorkers({ netName: SMALL_NET, netOptions: SMALL_NET_OPTIONS, weights, workers: 1, trainableNames: HEAD, featureCache: cache, frozenBatchNorm: 'batch-statistics' }),
    ).rejects.toBeInstanceOf(InvalidTrainingOptionError);
  });

  it('feature workers - images that do not fit the count are refused, naming them', async () => {
    await expect(workers.cache(new Float32Array(10), 1, ['x'])).rejects.toThrow(/images/);
  });
});
