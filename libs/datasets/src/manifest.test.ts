// manifest.json validation: every bad field is named; shard files must exist with the recorded size.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManifestError } from './errors';
import { type Manifest, readManifest, validateManifest } from './manifest';
import { readSplit } from './read-split';
import { tempDir } from './testing';

const SHA = 'a'.repeat(64);

function manifest(): Manifest {
  return {
    formatVersion: 1,
    datasetName: 'x',
    createdAt: '2024-01-01T00:00:00.000Z',
    source: { trainDir: '/in', validationDir: null, validationRatio: 0, seed: 1 },
    numClasses: 2,
    classNames: ['a', 'b'],
    labelsFile: 'label.txt',
    splits: { train: { numImages: 3, shards: [{ file: 'x_train_00000-of-00001.tfrecord', records: 3, bytes: 5, sha256: SHA }] } },
    skipped: [],
  };
}

describe('manifest', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp.remove();
  });

  it('datasets - accepts a well-formed manifest', () => {
    expect(validateManifest(manifest(), 'm.json')).toEqual(manifest());
  });

  it('datasets - names the bad field', () => {
    const bad = (edit: (m: Manifest) => void) => {
      const m = manifest();
      edit(m);
      return () => validateManifest(m, 'm.json');
    };
    expect(bad((m) => (m.formatVersion = 2))).toThrow('m.json: field formatVersion: unsupported version 2');
    expect(bad((m) => (m.classNames = ['a']))).toThrow('field classNames: has 1 names but numClasses is 2');
    expect(bad((m) => ((m.splits as Record<string, unknown>).test = m.splits.train))).toThrow('field splits.test: unknown split');
    expect(bad((m) => (m.splits.train!.shards[0].sha256 = 'xyz'))).toThrow('field splits.train.shards[0].sha256');
    expect(bad((m) => (m.splits.train!.shards[0].file = '../x'))).toThrow('field splits.train.shards[0].file: must be a plain file name');
    expect(bad((m) => (m.splits.train!.numImages = 4))).toThrow('field splits.train.numImages: is 4 but the shards hold 3 records');
    expect(bad((m) => (m.numClasses = -1))).toThrow(ManifestError);
    expect(bad((m) => delete (m as Partial<Manifest>).skipped)).toThrow('field skipped');
    expect(bad((m) => (m.splits.train!.numImagesPerClass = [3]))).toThrow('field splits.train.numImagesPerClass: expected an array of 2 counts');
    expect(bad((m) => (m.splits.train!.numImagesPerClass = [1, 1]))).toThrow('numImagesPerClass: adds up to 2 but the shards hold 3 records');
    expect(bad((m) => (m.splits.train!.numImagesPerClass = [2, 1]))).not.toThrow();
  });

  it('datasets - readManifest reports a missing manifest, bad JSON, and missing or resized shards', async () => {
    const dir = join(tmp.dir, 'm');
    await mkdir(dir);
    await expect(readManifest(dir)).rejects.toMatchObject({ name: 'ManifestError', kind: 'not-found' });
    await writeFile(join(dir, 'manifest.json'), '{');
    await expect(readManifest(dir)).rejects.toThrow('not valid JSON');
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest()));
    await expect(readManifest(dir)).rejects.toThrow('field splits.train.shards[0].file: shard');
    await writeFile(join(dir, 'x_train_00000-of-00001.tfrecord'), '123');
    await expect(readManifest(dir)).rejects.toThrow('has 3 bytes, the manifest says 5');
    await writeFile(join(dir, 'x_train_00000-of-00001.tfrecord'), '12345');
    await expect(readManifest(dir, { verifyChecksums: true })).rejects.toThrow('does not match its recorded SHA-256');
    const loaded = await readManifest(dir);
    expect(loaded.dir).toBe(dir);
    await expect(readSplit(loaded, 'validation').next()).rejects.toThrow('the dataset has no validation split');
  });
});
