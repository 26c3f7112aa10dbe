// The feature cache: memory then spill file, and training from it gives the losses of recomputing.
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { FeatureCache } from './feature-cache';
import { maxAbsDiff, namesUnder, tinyBatch, tinyNet } from './testing';
import type { TinyNet } from './testing';
import { FeatureCacheMissError, InvalidTrainingOptionError } from './training-errors';
import { createTrainingSession } from './training-session';
import type { TrainingSessionOptions } from './training-options';

const spillRoot = mkdtempSync(join(tmpdir(), 'feature-cache-test-'));

function headSession(net: TinyNet, extra: Partial<TrainingSessionOptions> = {}) {
  return createTrainingSession({
    model: net.model,
    variables: net.variables,
    trainableNames: namesUnder(net.variables, ['Tiny/Logits', 'Tiny/AuxLogits']),
    optimizer: getOptimizer('momentum'),
    schedule: getSchedule('fixed', { numSamplesPerEpoch: 8, batchSize: 4, learningRate: 0.1 }),
    microBatch: 2,
    ...extra,
  });
}

describe('feature cache', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(() => rmSync(spillRoot, { recursive: true, force: true }));

  it('feature cache - keeps entries in memory up to the budget and spills the rest to an append-only file', () => {
    const cache = new FeatureCache({ memoryBudgetBytes: 2 * 24, spillDirectory: spillRoot });
    const entry = (i: number) => [Float32Array.from([i, i + 0.5, -i]), Float32Array.from([i * 10, 1, 2])];
    for (let i = 0; i < 5; i++) cache.put(`record-${i}`, entry(i));
    expect(cache.size).toBe(5);
    expect(cache.bytesInMemory).toBe(48);
    expect(cache.bytesOnDisk).toBe(3 * 24);
    for (let i = 0; i < 5; i++) {
      const got = cache.get(`record-${i}`)!;
      expect(got.map((a) => Array.from(a))).toEqual(entry(i).map((a) => Array.from(a)));
    }
    expect(cache.get('record-9')).toBeUndefined();
    expect(readdirSync(spillRoot)).toHaveLength(1);
    cache.close();
    expect(readdirSync(spillRoot)).toHaveLength(0);
  });

  it('feature cache - an epoch from the cache gives the losses of recomputing the frozen backbone', async () => {
    const cached = tinyNet({ aux: true });
    const recomputed = tinyNet({ aux: true });
    // One example's boundary is two [1,1,8] tensors, 64 bytes: three fit in memory, five go to disk.
    const cache = new FeatureCache({ memoryBudgetBytes: 200, spillDirectory: spillRoot });
    const a = headSession(cached, { featureCache: cache });
    const b = headSession(recomputed);
    const batches = [tinyBatch(4, 11), tinyBatch(4, 12)];
    const ids = [['a0', 'a1', 'a2', 'a3'], ['b0', 'b1', 'b2', 'b3']];
    for (let epoch = 0; epoch < 3; epoch++) {
      for (const [i, { images, labels }] of batches.entries()) {
        const batchIds = ids[i]!;
        expect(a.isCached(batchIds)).toBe(epoch > 0);
        const ra = epoch === 0 ? await a.step(images, labels, { exampleIds: batchIds }) : await a.stepFromCache(batchIds, labels);
        const rb = await b.step(images, labels);
        expect(Math.abs(ra.loss - rb.loss)).toBeLessThan(1e-5);
      }
    }
    expect(cache.size).toBe(8);
    expect(cache.bytesInMemory).toBe(3 * 64);
    expect(cache.bytesOnDisk).toBe(5 * 64);
    await expect(a.stepFromCache(['zz'], Int32Array.from([0]))).rejects.toThrow(FeatureCacheMissError);
    a.importState(new Map());
    expect(cache.size).toBe(0);
    tf.dispose(batches.map((x) => x.images));
    cache.close();
    a.dispose();
    b.dispose();
    expect(existsSync(spillRoot)).toBe(true);
  });

  it('feature cache - inception-like AuxLogits: caches the pooled map, and cached steps equal recomputed ones', async () => {
    const cached = tinyNet({ auxTower: true });
    const recomputed = tinyNet({ auxTower: true });
    const cache = new FeatureCache({ spillDirectory: spillRoot });
    const a = headSession(cached, { featureCache: cache });
    const b = headSession(recomputed);
    expect(a.split.boundary.map((x) => x.shape)).toEqual([
      [1, 1, 8],
      [3, 3, 8],
    ]);
    const { images, labels } = tinyBatch(4, 13);
    const ids = ['c0', 'c1', 'c2', 'c3'];
    for (let epoch = 0; epoch < 3; epoch++) {
      const ra = epoch === 0 ? await a.step(images, labels, { exampleIds: ids }) : await a.stepFromCache(ids, labels);
      const rb = await b.step(images, labels);
      expect(Math.abs(ra.loss - rb.loss)).toBeLessThan(1e-5);
      expect(Math.abs(ra.auxLoss - rb.auxLoss)).toBeLessThan(1e-5);
    }
    for (const [name, v] of cached.variables) expect(maxAbsDiff(v.read(), recomputed.variables.get(name)!.read()), name).toBeLessThan(1e-5);
    // 8 + 3*3*8 floats per example; the 8x8x8 map in front of the pool would be 512 + 8.
    expect(cache.bytesInMemory).toBe(4 * (8 + 72) * 4);
    tf.dispose(images);
    cache.close();
    a.dispose();
    b.dispose();
  });

  it("feature cache - refused with 'batch-statistics' frozen batch norm, whose activations depend on the batch", () => {
    const cache = new FeatureCache({ spillDirectory: spillRoot });
    expect(() => headSession(tinyNet(), { featureCache: cache, frozenBatchNorm: 'batch-statistics' })).toThrow(
      InvalidTrainingOptionError,
    );
    cache.close();
  });
});
