// The input pipeline end to end on a tiny converted dataset: order, values, shuffling, epochs, shutdown, errors.
import { spawn } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preprocessImage } from '@finetune/nets';
import { encodeExample, imageExample, TFRecordCorruptError, writeRecords } from '@finetune/tfrecord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertImageFolder } from '../convert';
import { InvalidOptionError, ManifestError } from '../errors';
import { fileSha256, type LoadedManifest, MANIFEST_FILE, readManifest } from '../manifest';
import { readSplit, type SplitImage } from '../read-split';
import { closeIdleWorkers } from '../run-workers';
import { makeImageTree, tempDir } from '../testing';
import { createBatchPipeline } from './batch-pipeline';
import type { BatchPipelineOptions, ImageBatch } from './image-batch';
import { measurePipeline } from './measure-pipeline';
import { ExampleImageError, LabelOutOfRangeError, PipelineAbortedError } from './pipeline-errors';

const SIZE = 32;
const PIXELS = SIZE * SIZE * 3;

async function collect(options: Partial<Omit<BatchPipelineOptions, 'skipPixels'>> & Pick<BatchPipelineOptions, 'manifest'>): Promise<ImageBatch[]> {
  const out: ImageBatch[] = [];
  for await (const b of createBatchPipeline({ split: 'train', batchSize: 4, imageSize: SIZE, preprocessing: 'inception', training: true, numThreads: 2, ...options })) {
    out.push(b);
  }
  return out;
}

const idsOf = (batches: ImageBatch[]) => batches.flatMap((b) => b.ids);
const imageAt = (b: ImageBatch, i: number) => b.images.subarray(i * PIXELS, (i + 1) * PIXELS);

/** Rewrites one shard of a copied dataset with the given Examples and fixes its manifest entry. */
async function replaceShard(dir: string, split: 'train' | 'validation', records: Uint8Array[]): Promise<string> {
  const path = join(dir, MANIFEST_FILE);
  const manifest = JSON.parse(await readFile(path, 'utf8'));
  const shard = manifest.splits[split].shards[0];
  const file = join(dir, shard.file);
  await writeRecords(file, records);
  const bytes = await readFile(file);
  manifest.splits[split].numImages += records.length - shard.records;
  // The replaced shard's labels are the test's own: the per-class counts no longer describe it.
  delete manifest.splits[split].numImagesPerClass;
  Object.assign(shard, { records: records.length, bytes: bytes.length, sha256: await fileSha256(file) });
  await writeFile(path, JSON.stringify(manifest));
  return file;
}

describe('batch pipeline', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let manifest: LoadedManifest;
  /** Every image of each split by id, as readSplit returns it. */
  const byId = new Map<string, SplitImage>();
  const order: Record<'train' | 'validation', string[]> = { train: [], validation: [] };

  beforeAll(async () => {
    tmp = await tempDir('pipeline-test-');
    await makeImageTree(join(tmp.dir, 'pic', 'train'), {
      daisy: { count: 4, format: 'jpeg', rgb: [250, 250, 240], width: 24, height: 36 },
      roses: { count: 4, format: 'png', rgb: [200, 20, 40], width: 40, height: 28 },
      tulips: { count: 4, format: 'mixed', rgb: [240, 180, 0] },
    });
    await makeImageTree(join(tmp.dir, 'pic', 'validation'), {
      daisy: { count: 3, format: 'jpeg', rgb: [240, 240, 230] },
      roses: { count: 2, format: 'jpeg', rgb: [190, 10, 30], width: 36, height: 24 },
      tulips: { count: 2, format: 'png', rgb: [230, 170, 10] },
    });
    const out = join(tmp.dir, 'flowers');
    await convertImageFolder({ trainDir: join(tmp.dir, 'pic', 'train'), validationDir: join(tmp.dir, 'pic', 'validation'), outputDir: out, datasetName: 'flowers' });
    manifest = await readManifest(out);
    for (const split of ['train', 'validation'] as const) {
      for await (const image of readSplit(manifest, split)) {
        const id = `${image.shard}:${image.index}`;
        byId.set(id, image);
        order[split].push(id);
      }
    }
  });
  afterAll(async () => {
    await closeIdleWorkers();
    await tmp.remove();
  });

  it('pipeline - evaluation yields every image once in manifest order with a short last batch', async () => {
    const pipeline = createBatchPipeline({ manifest, split: 'validation', batchSize: 3, imageSize: SIZE, preprocessing: 'inception', training: false });
    const batches: ImageBatch[] = [];
    for await (const b of pipeline) batches.push(b);
    expect(batches.map((b) => b.count)).toEqual([3, 3, 1]);
    expect(idsOf(batches)).toEqual(order.validation);
    for (const b of batches) {
      expect(b.imageSize).toBe(SIZE);
      expect(b.images.length).toBe(b.count * PIXELS);
      expect(Array.from(b.labels)).toEqual(b.ids.map((id) => byId.get(id)?.label));
    }
    const stats = pipeline.stats();
    expect(stats).toMatchObject({ batches: 3, images: 7, threads: 0 });
    expect(stats.waitSeconds).toBeGreaterThanOrEqual(0);
  });

  it('pipeline - evaluation values equal preprocessImage on the same bytes', async () => {
    for (const preprocessing of ['inception', 'vgg'] as const) {
      const batches = await collect({ manifest, split: 'validation', batchSize: 4, preprocessing, training: false });
      for (const b of batches) {
        for (let i = 0; i < b.count; i++) {
          const image = byId.get(b.ids[i]) as SplitImage;
          const expected = await preprocessImage(Buffer.from(image.encoded), { name: preprocessing, size: SIZE, training: false });
          expect(imageAt(b, i)).toEqual(expected);
        }
      }
    }
  });

  it('pipeline - training shuffles the same way for a seed, whatever the threads, and differently across seeds', async () => {
    const a = await collect({ manifest, seed: 11, epochs: 1, numThreads: 2 });
    const again = await collect({ manifest, seed: 11, epochs: 1, numThreads: 1, prefetch: 1 });
    const other = await collect({ manifest, seed: 12, epochs: 1 });
    expect(idsOf(a)).toEqual(idsOf(again));
    // Augmentation is seeded per image, so even the pixels repeat.
    expect(a.map((b) => b.images)).toEqual(again.map((b) => b.images));
    expect(idsOf(other)).not.toEqual(idsOf(a));
    expect(idsOf(a)).not.toEqual(order.train);
    expect([...idsOf(a)].sort()).toEqual([...order.train].sort());
    for (const b of a) expect(Array.from(b.labels)).toEqual(b.ids.map((id) => byId.get(id)?.label));
  });

  it('pipeline - training repeats epochs and drops the short final batch', async () => {
    // 12 images, 2 epochs, batches of 5: 24 images make 4 full batches; the last 4 are dropped.
    const batches = await collect({ manifest, seed: 3, epochs: 2, batchSize: 5, shuffleBuffer: 4 });
    expect(batches.map((b) => b.count)).toEqual([5, 5, 5, 5]);
    const ids = idsOf(batches);
    expect([...ids.slice(0, 12)].sort()).toEqual([...order.train].sort());
    const second = ids.slice(12);
    expect(new Set(second).size).toBe(second.length);
    const kept = await collect({ manifest, seed: 3, epochs: 2, batchSize: 5, shuffleBuffer: 4, dropRemainder: false });
    expect(kept.map((b) => b.count)).toEqual([5, 5, 5, 5, 4]);
    expect(idsOf(kept).slice(0, 20)).toEqual(ids);
    // The second epoch is every image again, in a new order.
    expect(idsOf(kept).slice(12).sort()).toEqual([...order.train].sort());
    expect(idsOf(kept).slice(12)).not.toEqual(ids.slice(0, 12));
  });

  it('pipeline - training without augmentation gives eval preprocessing; with it, distorted images', async () => {
    const plain = await collect({ manifest, seed: 5, epochs: 1, augment: false });
    const augmented = await collect({ manifest, seed: 5, epochs: 1 });
    expect(idsOf(plain)).toEqual(idsOf(augmented));
    let differing = 0;
    for (const [k, b] of plain.entries()) {
      for (let i = 0; i < b.count; i++) {
        const image = byId.get(b.ids[i]) as SplitImage;
        const expected = await preprocessImage(Buffer.from(image.encoded), { name: 'inception', size: SIZE, training: false });
        expect(imageAt(b, i)).toEqual(expected);
        if (imageAt(augmented[k], i).some((v, j) => v !== expected[j])) differing++;
      }
    }
    expect(differing).toBeGreaterThan(0);
  });

  it('pipeline - close, break and abort stop the workers', async () => {
    const closed = createBatchPipeline({ manifest, split: 'train', batchSize: 2, imageSize: SIZE, preprocessing: 'inception', training: true, seed: 1 });
    expect((await closed[Symbol.asyncIterator]().next()).done).toBe(false);
    await closed.close();
    expect(closed.stats()).toMatchObject({ batches: 1, images: 2, threads: 0 });
    expect((await closed[Symbol.asyncIterator]().next()).done).toBe(true);

    const broken = createBatchPipeline({ manifest, split: 'train', batchSize: 2, imageSize: SIZE, preprocessing: 'inception', training: true, seed: 1 });
    let seen = 0;
    for await (const b of broken) {
      expect(b.count).toBe(2);
      if (++seen === 3) break;
    }
    expect(broken.stats()).toMatchObject({ batches: 3, threads: 0 });

    const controller = new AbortController();
    const aborted = createBatchPipeline({ manifest, split: 'train', batchSize: 2, imageSize: SIZE, preprocessing: 'inception', training: true, signal: controller.signal });
    await aborted[Symbol.asyncIterator]().next();
    controller.abort();
    await expect(aborted[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(PipelineAbortedError);
    expect(aborted.stats().threads).toBe(0);

    const early = new AbortController();
    early.abort();
    const never = createBatchPipeline({ manifest, split: 'train', batchSize: 2, imageSize: SIZE, preprocessing: 'inception', training: true, signal: early.signal });
    await expect(never[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(PipelineAbortedError);
  });

  it('pipeline - a consumer that stops without close does not keep the process alive', async () => {
    const script = join(fileURLToPath(new URL('.', import.meta.url)), 'testing-abandoned-pipeline.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, manifest.dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(output).toContain('took 2 batches');
    expect(code).toBe(0);
  });

  it('pipeline - rejects bad options, naming them', () => {
    const base = { manifest, split: 'train' as const, batchSize: 4, imageSize: SIZE, preprocessing: 'inception' as const, training: true };
    expect(() => createBatchPipeline({ ...base, batchSize: 0 })).toThrow(InvalidOptionError);
    expect(() => createBatchPipeline({ ...base, batchSize: 0 })).toThrow(/batchSize/);
    expect(() => createBatchPipeline({ ...base, epochs: 1.5 })).toThrow(/epochs/);
    expect(() => createBatchPipeline({ ...base, preprocessing: 'lenet' as 'vgg' })).toThrow(/preprocessing/);
    expect(() => createBatchPipeline({ ...base, training: false, dropRemainder: true })).toThrow(/dropRemainder/);
    const noValidation = { ...manifest, splits: { train: manifest.splits.train } };
    expect(() => createBatchPipeline({ ...base, manifest: noValidation, split: 'validation' })).toThrow(ManifestError);
  });

  it('pipeline - a corrupt record names the shard and byte offset', async () => {
    const dir = join(tmp.dir, 'corrupt');
    await cp(manifest.dir, dir, { recursive: true });
    const broken = await readManifest(dir);
    const shard = join(dir, broken.splits.validation?.shards[0].file as string);
    const bytes = await readFile(shard);
    bytes[bytes.length - 10] ^= 0xff;
    await writeFile(shard, bytes);
    const err = await collect({ manifest: broken, split: 'validation', training: false }).catch((e) => e);
    expect(err).toBeInstanceOf(TFRecordCorruptError);
    expect(err.message).toContain(shard);
    expect(err.message).toMatch(/byte offset \d+/);
  });

  it('pipeline - an undecodable image names the shard and example; a foreign label names the label', async () => {
    const good = byId.get(order.validation[0]) as SplitImage;
    const record = (encoded: Uint8Array, label: number) =>
      encodeExample(imageExample({ encoded, format: 'jpeg', label, height: good.height, width: good.width }));

    const badImageDir = join(tmp.dir, 'bad-image');
    await cp(manifest.dir, badImageDir, { recursive: true });
    const shard = await replaceShard(badImageDir, 'validation', [record(good.encoded, 0), record(new TextEncoder().encode('not a jpeg'), 1)]);
    const first: ImageBatch[] = [];
    const pipeline = createBatchPipeline({ manifest: await readManifest(badImageDir), split: 'validation', batchSize: 1, imageSize: SIZE, preprocessing: 'inception', training: false });
    const err = await (async () => {
      for await (const b of pipeline) first.push(b);
    })().catch((e) => e);
    expect(first.map((b) => b.ids[0])).toEqual([`${good.shard}:0`]);
    expect(err).toBeInstanceOf(ExampleImageError);
    expect(err).toMatchObject({ shard, index: 1 });
    expect(err.message).toContain(`${shard}: example 1`);
    expect(pipeline.stats().threads).toBe(0);

    const badLabelDir = join(tmp.dir, 'bad-label');
    await cp(manifest.dir, badLabelDir, { recursive: true });
    const labelShard = await replaceShard(badLabelDir, 'train', [record(good.encoded, 0), record(good.encoded, 7)]);
    const labelErr = await collect({ manifest: await readManifest(badLabelDir), epochs: 1 }).catch((e) => e);
    expect(labelErr).toBeInstanceOf(LabelOutOfRangeError);
    expect(labelErr).toMatchObject({ shard: labelShard, index: 1, label: 7 });
    expect(labelErr.message).toContain('label 7');
  });

  it('pipeline - measurePipeline reports images per second and wait time', async () => {
    const m = await measurePipeline({ manifest, split: 'train', batchSize: 2, imageSize: SIZE, preprocessing: 'inception', training: true, seed: 2 }, 4);
    expect(m.imagesPerSec).toBeGreaterThan(0);
    expect(m.waitSeconds).toBeGreaterThanOrEqual(0);
  });
});
