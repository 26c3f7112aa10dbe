// Every bad input of a conversion gets its typed error naming the path or option, and leaves no output behind.
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertImageFolder } from './convert';
import {
  ConversionAbortedError,
  DatasetExistsError,
  EmptyClassError,
  InvalidImageError,
  InvalidOptionError,
  MissingFolderError,
  NoClassesError,
  UnknownValidationClassError,
} from './errors';
import { readManifest } from './manifest';
import { readSplit } from './read-split';
import { imageBytes, makeImageTree, tempDir } from './testing';

const SMALL = {
  cats: { count: 3, format: 'jpeg', rgb: [10, 10, 10] },
  dogs: { count: 3, format: 'png', rgb: [200, 100, 50] },
} as const;

describe('convert image folder - bad input', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let train: string;
  beforeAll(async () => {
    tmp = await tempDir();
    train = join(tmp.dir, 'train');
    await makeImageTree(train, SMALL);
  });
  afterAll(async () => {
    await tmp.remove();
  });

  /** Folder contents, hidden staging folders included, to prove nothing was left behind. */
  const contents = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();

  it('datasets - rejects missing train and validation folders, naming them', async () => {
    const missing = join(tmp.dir, 'nope');
    const err = convertImageFolder({ trainDir: missing, outputDir: join(tmp.dir, 'o1') });
    await expect(err).rejects.toBeInstanceOf(MissingFolderError);
    await expect(convertImageFolder({ trainDir: missing, outputDir: join(tmp.dir, 'o1') })).rejects.toThrow(`train folder ${missing} does not exist`);
    await expect(convertImageFolder({ trainDir: train, validationDir: missing, outputDir: join(tmp.dir, 'o1') })).rejects.toThrow(
      `validation folder ${missing}`,
    );
    await writeFile(join(tmp.dir, 'a-file'), 'x');
    await expect(convertImageFolder({ trainDir: join(tmp.dir, 'a-file'), outputDir: join(tmp.dir, 'o1') })).rejects.toBeInstanceOf(
      MissingFolderError,
    );
    expect(await contents(join(tmp.dir, 'o1'))).toEqual([]);
  });

  it('datasets - rejects a folder without classes and an empty class folder', async () => {
    const flat = join(tmp.dir, 'flat');
    await mkdir(flat);
    await writeFile(join(flat, 'x.jpg'), await imageBytes('jpeg', [1, 2, 3]));
    await expect(convertImageFolder({ trainDir: flat, outputDir: join(tmp.dir, 'o2') })).rejects.toBeInstanceOf(NoClassesError);

    const withEmpty = join(tmp.dir, 'with-empty');
    await makeImageTree(withEmpty, { a: SMALL.cats });
    await mkdir(join(withEmpty, 'b'));
    await writeFile(join(withEmpty, 'b', '.DS_Store'), 'junk'); // hidden files do not count as images
    const err = await convertImageFolder({ trainDir: withEmpty, outputDir: join(tmp.dir, 'o2') }).catch((e) => e);
    expect(err).toBeInstanceOf(EmptyClassError);
    expect(err).toMatchObject({ path: join(withEmpty, 'b'), className: 'b', kind: 'invalid-argument' });
  });

  it('datasets - rejects a validation class that train lacks', async () => {
    const val = join(tmp.dir, 'val-extra');
    await makeImageTree(val, { cats: SMALL.cats, birds: SMALL.dogs });
    const err = await convertImageFolder({ trainDir: train, validationDir: val, outputDir: join(tmp.dir, 'o3') }).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownValidationClassError);
    expect(err.message).toContain(join(val, 'birds'));
  });

  it('datasets - rejects numThreads that does not divide the shard counts, and other bad options', async () => {
    const base = { trainDir: train, outputDir: join(tmp.dir, 'o4') };
    await expect(convertImageFolder({ ...base, numThreads: 3 })).rejects.toThrow('option numThreads=3: must divide trainShards (2)');
    await expect(convertImageFolder({ ...base, trainShards: 4, validationShards: 2, numThreads: 4 })).rejects.toThrow(
      'must divide validationShards (2)',
    );
    await expect(convertImageFolder({ ...base, trainShards: 0 })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(convertImageFolder({ ...base, validationRatio: 1 })).rejects.toThrow(/validationRatio/);
    await expect(convertImageFolder({ ...base, datasetName: '../evil' })).rejects.toThrow(/datasetName/);
    await expect(convertImageFolder({ ...base, validationDir: train, validationRatio: 0.2 })).rejects.toThrow(
      'cannot be used together with validationDir',
    );
    expect(await contents(base.outputDir)).toEqual([]);
  });

  it('datasets - rejects a corrupt or non-image file by path; skipInvalid skips and counts it', async () => {
    const dirty = join(tmp.dir, 'dirty');
    await makeImageTree(dirty, SMALL);
    const good = await imageBytes('jpeg', [5, 5, 5]);
    await writeFile(join(dirty, 'cats', 'truncated.jpg'), good.subarray(0, good.length - 40));
    await writeFile(join(dirty, 'dogs', 'notes.txt'), 'not an image');
    await symlink(join(dirty, 'cats'), join(dirty, 'dogs', 'loop.jpg'));
    const out = join(tmp.dir, 'o5');
    const err = await convertImageFolder({ trainDir: dirty, outputDir: out }).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidImageError);
    expect([join(dirty, 'cats', 'truncated.jpg'), join(dirty, 'dogs', 'notes.txt'), join(dirty, 'dogs', 'loop.jpg')]).toContain(err.path);
    expect(err.message).toContain(err.path);
    expect(await contents(out)).toEqual([]); // the staging folder is gone too

    const { manifest, skipped } = await convertImageFolder({ trainDir: dirty, outputDir: out, skipInvalid: true });
    expect(skipped.map((s) => s.path)).toEqual(
      [join(dirty, 'cats', 'truncated.jpg'), join(dirty, 'dogs', 'loop.jpg'), join(dirty, 'dogs', 'notes.txt')].sort(),
    );
    expect(manifest.skipped).toEqual(skipped);
    expect(manifest.splits.train?.numImages).toBe(6);
    let n = 0;
    for await (const _ of readSplit(await readManifest(out), 'train')) n++;
    expect(n).toBe(6);
  });

  it('datasets - refuses to overwrite an existing dataset unless asked', async () => {
    const out = join(tmp.dir, 'o6');
    await convertImageFolder({ trainDir: train, outputDir: out, datasetName: 'pets' });
    const before = await readFile(join(out, 'manifest.json'), 'utf8');
    const err = await convertImageFolder({ trainDir: train, outputDir: out, datasetName: 'pets' }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetExistsError);
    expect(err.message).toContain(join(out, 'manifest.json'));
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(before);

    // Overwrite with fewer shards: the old extra shards go, the new set is complete.
    await convertImageFolder({ trainDir: train, outputDir: out, datasetName: 'pets', overwrite: true, trainShards: 1, validationShards: 1, numThreads: 1 });
    expect(await contents(out)).toEqual(['label.txt', 'manifest.json', 'pets_train_00000-of-00001.tfrecord']);
    expect((await readManifest(out, { verifyChecksums: true })).splits.train?.numImages).toBe(6);
  });

  it('datasets - an aborted conversion publishes nothing', async () => {
    const out = join(tmp.dir, 'o7');
    const already = new AbortController();
    already.abort();
    await expect(convertImageFolder({ trainDir: train, outputDir: out, signal: already.signal })).rejects.toBeInstanceOf(
      ConversionAbortedError,
    );
    const ctrl = new AbortController();
    const err = await convertImageFolder({
      trainDir: train,
      outputDir: out,
      signal: ctrl.signal,
      onProgress: () => ctrl.abort(),
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ConversionAbortedError);
    expect(err.kind).toBe('cancelled');
    expect(await contents(out)).toEqual([]);
    await rm(out, { recursive: true, force: true });
  });
});
