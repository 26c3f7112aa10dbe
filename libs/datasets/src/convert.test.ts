// Conversion end to end on tiny real images: names, label.txt, manifest checksums, read-back, determinism.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertImageFolder } from './convert';
import type { ConvertProgress } from './convert-options';
import { readManifest } from './manifest';
import { readSplit } from './read-split';
import { makeImageTree, tempDir } from './testing';

describe('convert image folder', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let files: Record<string, string[]>;
  let valFiles: Record<string, string[]>;
  beforeAll(async () => {
    tmp = await tempDir();
    files = await makeImageTree(join(tmp.dir, 'pic', 'train'));
    valFiles = await makeImageTree(join(tmp.dir, 'pic', 'validation'), {
      roses: { count: 2, format: 'jpeg', rgb: [190, 10, 30] },
      daisy: { count: 3, format: 'webp', rgb: [240, 240, 230] },
    });
  });
  afterAll(async () => {
    await tmp.remove();
  });

  it('datasets - writes the reference names, label.txt and a manifest whose checksums match', async () => {
    const out = join(tmp.dir, 'out');
    const progress: ConvertProgress[] = [];
    const { manifest, skipped } = await convertImageFolder({
      trainDir: join(tmp.dir, 'pic', 'train'),
      validationDir: join(tmp.dir, 'pic', 'validation'),
      outputDir: out,
      datasetName: 'flowers',
      onProgress: (p) => progress.push(p),
    });
    expect(skipped).toEqual([]);
    expect((await readdir(out)).sort()).toEqual([
      'flowers_train_00000-of-00002.tfrecord',
      'flowers_train_00001-of-00002.tfrecord',
      'flowers_validation_00000-of-00002.tfrecord',
      'flowers_validation_00001-of-00002.tfrecord',
      'label.txt',
      'manifest.json',
    ]);
    expect(await readFile(join(out, 'label.txt'), 'utf8')).toBe('daisy\nroses\ntulips\n');
    const onDisk = await readManifest(out, { verifyChecksums: true });
    expect(onDisk).toEqual(manifest);
    expect(manifest).toMatchObject({ datasetName: 'flowers', numClasses: 3, classNames: ['daisy', 'roses', 'tulips'], formatVersion: 1 });
    expect(manifest.splits.train?.numImages).toBe(18);
    expect(manifest.splits.validation?.numImages).toBe(5);
    expect(manifest.splits.train?.shards.map((s) => s.records)).toEqual([9, 9]);
    expect(manifest.splits.train?.numImagesPerClass).toEqual([6, 6, 6]);
    expect(manifest.splits.validation?.numImagesPerClass).toEqual([3, 2, 0]);
    for (const s of [...(manifest.splits.train?.shards ?? []), ...(manifest.splits.validation?.shards ?? [])]) {
      const bytes = await readFile(join(out, s.file));
      expect(s.bytes).toBe(bytes.length);
      expect(s.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const last = (split: string) => progress.filter((p) => p.split === split).at(-1);
    expect(last('train')).toEqual({ split: 'train', done: 18, total: 18 });
    expect(last('validation')).toEqual({ split: 'validation', done: 5, total: 5 });
  });

  it('datasets - reading back gives every image exactly once, with its label, size and original bytes', async () => {
    const out = join(tmp.dir, 'out');
    const manifest = await readManifest(out);
    const seen = new Map<string, { label: number; text?: string; format: string; width: number; height: number; sha: string }>();
    for await (const img of readSplit(manifest, 'train')) {
      expect(seen.has(`${img.text}/${img.filename}`)).toBe(false);
      seen.set(`${img.text}/${img.filename}`, {
        label: img.label,
        text: img.text,
        format: img.format,
        width: img.width,
        height: img.height,
        sha: createHash('sha256').update(img.encoded).digest('hex'),
      });
    }
    const classNames = ['daisy', 'roses', 'tulips'];
    expect(seen.size).toBe(18);
    for (const [cls, paths] of Object.entries(files)) {
      for (const p of paths) {
        const got = seen.get(`${cls}/${basename(p)}`);
        expect(got?.label).toBe(classNames.indexOf(cls));
        expect(got?.sha).toBe(createHash('sha256').update(await readFile(p)).digest('hex'));
        expect(got?.format).toBe(p.endsWith('.jpg') ? 'jpeg' : 'png');
        expect([got?.width, got?.height]).toEqual(cls === 'roses' ? [40, 24] : [32, 32]);
      }
    }
    const val: string[] = [];
    for await (const img of readSplit(manifest, 'validation')) val.push(`${img.label}:${img.format}:${img.filename}`);
    expect(val.sort()).toEqual(
      [...valFiles.daisy.map((p) => `0:webp:${basename(p)}`), ...valFiles.roses.map((p) => `1:jpeg:${basename(p)}`)].sort(),
    );
  });

  it('datasets - the same seed gives the same shards; another seed another order', async () => {
    const run = async (name: string, seed: number) =>
      (
        await convertImageFolder({
          trainDir: join(tmp.dir, 'pic', 'train'),
          outputDir: join(tmp.dir, name),
          validationRatio: 0.34,
          seed,
          trainShards: 1,
          validationShards: 1,
          numThreads: 1,
        })
      ).manifest;
    const [a, b, c] = [await run('seed-a', 7), await run('seed-b', 7), await run('seed-c', 8)];
    const sums = (m: typeof a) => [m.splits.train, m.splits.validation].map((s) => s?.shards.map((x) => x.sha256));
    expect(sums(a)).toEqual(sums(b));
    expect(sums(a)).not.toEqual(sums(c));
    // 6 images per class, 0.34 held out: round(2.04) = 2 per class.
    expect([a.splits.train?.numImages, a.splits.validation?.numImages]).toEqual([12, 6]);
    const valClasses: number[] = [];
    for await (const img of readSplit(a, 'validation')) valClasses.push(img.label);
    expect(valClasses.sort()).toEqual([0, 0, 1, 1, 2, 2]);
    expect(a.source.validationDir).toBeNull();
  });

  it('datasets - -t pic/ with the reference layout takes pic/train and pic/validation as the splits', async () => {
    const { manifest } = await convertImageFolder({ trainDir: join(tmp.dir, 'pic'), outputDir: join(tmp.dir, 'layout'), datasetName: 'flowers' });
    expect(manifest.classNames).toEqual(['daisy', 'roses', 'tulips']);
    expect(manifest.source).toMatchObject({ trainDir: join(tmp.dir, 'pic', 'train'), validationDir: join(tmp.dir, 'pic', 'validation') });
    expect([manifest.splits.train?.numImages, manifest.splits.validation?.numImages]).toEqual([18, 5]);
    await expect(
      convertImageFolder({ trainDir: join(tmp.dir, 'pic'), outputDir: join(tmp.dir, 'layout-ratio'), validationRatio: 0.2 }),
    ).rejects.toThrow(/validationRatio.*already has train\/ and validation\//);
  });

  it('datasets - per-class counts leave out skipped images', async () => {
    const src = join(tmp.dir, 'skips');
    await makeImageTree(src, { a: { count: 3, format: 'png', rgb: [10, 10, 10] }, b: { count: 2, format: 'jpeg', rgb: [200, 0, 0] } });
    await writeFile(join(src, 'a', 'broken.png'), 'not an image');
    const { manifest, skipped } = await convertImageFolder({ trainDir: src, outputDir: join(tmp.dir, 'skips-out'), skipInvalid: true, trainShards: 1, numThreads: 1 });
    expect(skipped.map((s) => basename(s.path))).toEqual(['broken.png']);
    expect(manifest.splits.train?.numImagesPerClass).toEqual([3, 2]);
  });

  it('datasets - more threads write the same shard set, one shard range each', async () => {
    const { manifest } = await convertImageFolder({
      trainDir: join(tmp.dir, 'pic', 'train'),
      outputDir: join(tmp.dir, 'threads'),
      datasetName: 'x',
      trainShards: 4,
      validationShards: 4,
      numThreads: 4,
    });
    expect(manifest.splits.train?.shards.map((s) => s.file)).toEqual([0, 1, 2, 3].map((i) => `x_train_0000${i}-of-00004.tfrecord`));
    expect(manifest.splits.train?.shards.map((s) => s.records)).toEqual([4, 5, 4, 5]);
    expect(manifest.splits.validation).toBeUndefined();
  });
});
