// The pipeline with skipPixels: later epochs of cached examples come as ids and labels, unread and undecoded, in
// the order the full pipeline gives them; pixels come back when asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors';
import type { LoadedManifest } from '../manifest';
import { closeIdleWorkers } from '../run-workers';
import { convertedFlowers, type tempDir } from '../testing';
import { createBatchPipeline } from './batch-pipeline';
import type { BatchPipelineOptions } from './image-batch';

const SIZE = 16;

describe('batch pipeline - skipPixels', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let manifest: LoadedManifest;
  let numImages = 0;

  beforeAll(async () => {
    ({ tmp, manifest } = await convertedFlowers('skip-pixels-test-', {
      daisy: { count: 5, format: 'jpeg', rgb: [250, 250, 240], width: 24, height: 36 },
      roses: { count: 5, format: 'png', rgb: [200, 20, 40], width: 40, height: 28 },
    }));
    numImages = manifest.splits.train!.numImages;
  });
  afterAll(async () => {
    await closeIdleWorkers();
    await tmp.remove();
  });

  const options = (epochs: number): BatchPipelineOptions => ({
    manifest, split: 'train', batchSize: 3, imageSize: SIZE, preprocessing: 'inception', training: true, augment: false, seed: 7, epochs, numThreads: 1,
  });

  it('pipeline - after a first epoch whose examples the consumer cached, later epochs are not read or decoded', async () => {
    const epochs = 4;
    const reference = createBatchPipeline(options(epochs));
    const expected: { ids: string[]; labels: number[] }[] = [];
    for await (const b of reference) expected.push({ ids: b.ids, labels: [...b.labels] });
    expect(reference.stats()).toMatchObject({ recordsRead: numImages * epochs, decodedImages: expected.length * 3 });

    // The consumer "caches" each batch it is handed; skipPixels asks about examples batches ahead of it.
    const cached = new Set<string>();
    const pipeline = createBatchPipeline({ ...options(epochs), skipPixels: (id) => cached.has(id), prefetch: 1 });
    const got: { ids: string[]; labels: number[] }[] = [];
    let undecoded = 0;
    for await (const b of pipeline) {
      got.push({ ids: b.ids, labels: [...b.labels] });
      if (b.images === undefined) undecoded++;
      else expect(b.images.length).toBe(b.count * SIZE * SIZE * 3);
      for (const id of b.ids) cached.add(id);
    }
    // The same batches in the same order: replaying changes nothing of what the consumer sees.
    expect(got).toEqual(expected);
    const stats = pipeline.stats();
    const perEpoch = Math.floor(numImages / 3);
    // Each shard was read once; a few records (batches formed before all their examples were cached) fetched again.
    expect(stats.recordsRead).toBeGreaterThanOrEqual(numImages);
    expect(stats.recordsRead).toBeLessThan(numImages * 2);
    expect(stats.decodedImages).toBeLessThan(perEpoch * 3 * 2);
    expect(undecoded).toBeGreaterThanOrEqual(perEpoch * (epochs - 2));
  });

  it('pipeline - a batch yielded without pixels decodes them when asked, as the full pipeline would', async () => {
    const full = createBatchPipeline(options(1));
    const first = (await full[Symbol.asyncIterator]().next()).value!;
    await full.close();
    const skipping = createBatchPipeline({ ...options(1), skipPixels: () => true });
    const batch = (await skipping[Symbol.asyncIterator]().next()).value!;
    expect(batch.images).toBeUndefined();
    expect(batch.ids).toEqual(first.ids);
    if (batch.images !== undefined) throw new Error('expected a LabelBatch');
    expect(await batch.decode()).toEqual(first.images);
    expect(skipping.stats().decodedImages).toBe(3);
    await skipping.close();
  });

  it('pipeline - skipPixels is refused in evaluation', () => {
    expect(() => createBatchPipeline({ ...options(1), training: false, epochs: undefined, augment: undefined, skipPixels: () => true })).toThrow(InvalidOptionError);
  });
});
