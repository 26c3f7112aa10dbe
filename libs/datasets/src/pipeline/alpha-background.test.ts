// The pipeline's workers composite transparent pixels on the colour they are given, in evaluation and in training.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertImageFolder } from '../convert';
import type { LoadedManifest } from '../manifest';
import { closeIdleWorkers } from '../run-workers';
import { makeImageTree, tempDir } from '../testing';
import { createBatchPipeline } from './batch-pipeline';
import type { BatchPipelineOptions } from './image-batch';

const SIZE = 8;

describe('pipeline alpha background', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let manifest: LoadedManifest;

  beforeAll(async () => {
    tmp = await tempDir('pipeline-alpha-');
    // Fully transparent PNGs that store red and blue: only the background may reach the net.
    await makeImageTree(join(tmp.dir, 'pic'), {
      red: { count: 2, format: 'png', rgb: [220, 20, 20], width: 12, height: 12, alpha: 0 },
      blue: { count: 2, format: 'png', rgb: [20, 20, 220], width: 12, height: 12, alpha: 0 },
    });
    ({ manifest } = await convertImageFolder({ trainDir: join(tmp.dir, 'pic'), outputDir: join(tmp.dir, 'out'), datasetName: 'alpha', validationRatio: 0.5, numThreads: 1 }));
  });
  afterAll(async () => {
    await closeIdleWorkers();
    await tmp?.remove();
  });

  /** Every value of the split's first epoch, unit preprocessing (pixels / 255). */
  async function values(options: Partial<BatchPipelineOptions>): Promise<number[]> {
    const out: number[] = [];
    const base = { manifest, batchSize: 2, imageSize: SIZE, preprocessing: 'unit' as const, numThreads: 1, epochs: 1 };
    for await (const b of createBatchPipeline({ ...base, split: 'validation', training: false, ...options })) out.push(...b.images!);
    return out;
  }

  it('pipeline alpha background - transparent images are white by default and the given colour otherwise', async () => {
    const white = await values({});
    expect(white.length).toBe(2 * SIZE * SIZE * 3);
    expect(white.every((v) => v === 1)).toBe(true);
    expect((await values({ alphaBackground: '#000000' })).every((v) => v === 0)).toBe(true);
    const grey = await values({ alphaBackground: '#336699' });
    expect(grey.slice(0, 3).map((v) => Math.round(v * 255))).toEqual([0x33, 0x66, 0x99]);
    // Training without augmentation goes through the same workers.
    const trained = await values({ split: 'train', training: true, augment: false, alphaBackground: '#000000', dropRemainder: false });
    expect(trained.length).toBeGreaterThan(0);
    expect(trained.every((v) => v === 0)).toBe(true);
  }, 60_000);

  it('pipeline alpha background - a colour that is not one fails the batch, naming the option and value', async () => {
    await expect(values({ alphaBackground: 'pinkish' })).rejects.toThrow(/background=pinkish is not a colour/);
  }, 60_000);
});
