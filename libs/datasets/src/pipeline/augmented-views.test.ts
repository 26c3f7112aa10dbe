// The pipeline with views: epoch e shows each example's augmented view e mod views, the same pixels each time it
// comes round, under an id that names the view; so a consumer can cache what it computes of each view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors';
import type { LoadedManifest } from '../manifest';
import { closeIdleWorkers } from '../run-workers';
import { convertedFlowers, type tempDir } from '../testing';
import { createBatchPipeline } from './batch-pipeline';
import type { BatchPipelineOptions } from './image-batch';

const SIZE = 16;

describe('batch pipeline - augmented views', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let manifest: LoadedManifest;

  beforeAll(async () => {
    // Solid colours: inception's colour distortion is what makes two views differ.
    ({ tmp, manifest } = await convertedFlowers('augmented-views-test-', {
      daisy: { count: 3, format: 'png', rgb: [250, 250, 240], width: 24, height: 36 },
      roses: { count: 3, format: 'jpeg', rgb: [200, 20, 40], width: 40, height: 28 },
    }));
  });
  afterAll(async () => {
    await closeIdleWorkers();
    await tmp.remove();
  });

  const options = (epochs: number, views?: number): BatchPipelineOptions => ({
    manifest, split: 'train', batchSize: 1, imageSize: SIZE, preprocessing: 'inception', training: true, augment: true, seed: 11, epochs, numThreads: 1,
    ...(views !== undefined && { views }),
  });

  /** Each epoch's pixels by example id. */
  async function epochsOf(o: BatchPipelineOptions): Promise<Map<string, Float32Array>[]> {
    const perEpoch = manifest.splits.train!.numImages;
    const epochs: Map<string, Float32Array>[] = [];
    let i = 0;
    for await (const b of createBatchPipeline(o)) {
      if (i++ % perEpoch === 0) epochs.push(new Map());
      epochs.at(-1)!.set(b.ids[0]!, b.images!.slice());
    }
    return epochs;
  }

  it('pipeline - epoch e and e + views show the same view of an example; views differ from each other', async () => {
    const epochs = await epochsOf(options(4, 2));
    expect(epochs).toHaveLength(4);
    const ids = [...epochs[0]!.keys()];
    expect(ids.every((id) => id.endsWith('#0'))).toBe(true);
    expect([...epochs[1]!.keys()].every((id) => id.endsWith('#1'))).toBe(true);
    expect([...epochs[2]!.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(epochs[2]!.get(id)).toEqual(epochs[0]!.get(id));
      expect(epochs[3]!.get(id.replace('#0', '#1'))).toEqual(epochs[1]!.get(id.replace('#0', '#1')));
    }
    // Augmented: at least one example's two views differ.
    const differs = ids.some((id) => {
      const [a, b] = [epochs[0]!.get(id)!, epochs[1]!.get(id.replace('#0', '#1'))!];
      return a.some((v, k) => Math.abs(v - b[k]!) > 1e-6);
    });
    expect(differs).toBe(true);
  });

  it('pipeline - without views every epoch augments afresh and ids name the example only', async () => {
    const epochs = await epochsOf(options(2));
    const ids = [...epochs[0]!.keys()];
    expect(ids.every((id) => !id.includes('#'))).toBe(true);
    expect(ids.some((id) => epochs[0]!.get(id)!.some((v, k) => Math.abs(v - epochs[1]!.get(id)![k]!) > 1e-6))).toBe(true);
  });

  it('pipeline - views without augmentation, or not a positive integer, are refused naming the option', () => {
    expect(() => createBatchPipeline({ ...options(1, 2), augment: false })).toThrow(InvalidOptionError);
    expect(() => createBatchPipeline({ ...options(1, 2), augment: false })).toThrow(/views/);
    expect(() => createBatchPipeline(options(1, 0))).toThrow(/views/);
    expect(() => createBatchPipeline(options(1, 1.5))).toThrow(/views/);
  });
});
