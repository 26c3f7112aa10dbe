import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleReader } from './bundle-reader';
import { type CheckpointVariable, writeBundle } from './bundle-writer';
import { InvalidVariableError } from './errors';
import { openCheckpoint } from './open-checkpoint';
import { findFile, fixturesDir, haveFixtures, sameValues } from './testing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const everyDtype: CheckpointVariable[] = [
  { name: 'InceptionV3/Logits/Conv2d_1c_1x1/weights', dtype: 'float32', shape: [1, 1, 3, 2], values: new Float32Array([0.5, -1.25, 3, 4e-7, -0, 1e30]) },
  { name: 'f64', dtype: 'float64', shape: [2], values: new Float64Array([Math.PI, -1e-300]) },
  { name: 'i32', dtype: 'int32', shape: [3], values: new Int32Array([-2147483648, 0, 2147483647]) },
  { name: 'global_step', dtype: 'int64', shape: [], values: new BigInt64Array([123456789012345n]) },
  { name: 'u8', dtype: 'uint8', shape: [2, 2], values: new Uint8Array([0, 1, 254, 255]) },
  { name: 'i8', dtype: 'int8', shape: [2], values: new Int8Array([-128, 127]) },
  { name: 'i16', dtype: 'int16', shape: [2], values: new Int16Array([-32768, 32767]) },
  { name: 'u16', dtype: 'uint16', shape: [1], values: new Uint16Array([65535]) },
  { name: 'flags', dtype: 'bool', shape: [3], values: new Uint8Array([1, 0, 1]) },
  { name: 'labels', dtype: 'string', shape: [3], values: ['daisy', '', 'water lily ☘'] },
  { name: 'h', dtype: 'half', shape: [4], values: new Float32Array([1, -2.5, 65504, 0.0001]) },
  { name: 'empty', dtype: 'float32', shape: [0, 3], values: new Float32Array(0) },
];

describe('bundle writer', () => {
  it('bundle writer - round-trips names, dtypes, shapes and values of every dtype', async () => {
    const prefix = join(dir, 'model.ckpt-7');
    await writeBundle(prefix, everyDtype);
    const reader = await openCheckpoint(prefix);
    try {
      expect(reader.list().map((v) => v.name)).toEqual(everyDtype.map((v) => v.name).sort());
      for (const v of everyDtype) {
        const info = reader.info(v.name);
        expect(info.dtype).toBe(v.dtype);
        expect(info.shape).toEqual(v.shape);
        const got = await reader.read(v.name);
        if (v.dtype === 'half') expect(Array.from(got as Float32Array)).toEqual([1, -2.5, 65504, 0.0001].map((x) => Math.fround(x === 0.0001 ? 0.00010001659393310547 : x)));
        else expect(got).toEqual(v.values);
      }
    } finally {
      await reader.close();
    }
    expect((await readdir(dir)).sort()).toEqual(['model.ckpt-7.data-00000-of-00001', 'model.ckpt-7.index']);
  });

  it('bundle writer - rejects wrong value types, counts, duplicate and reserved names', async () => {
    const one = (v: Partial<CheckpointVariable>) => writeBundle(join(dir, 'x'), [{ name: 'v', dtype: 'float32', shape: [2], values: new Float32Array(2), ...v }]);
    await expect(one({ values: new Float64Array(2) })).rejects.toThrow(InvalidVariableError);
    await expect(one({ shape: [3] })).rejects.toThrow(/"v": 2 values for shape \[3\]/);
    await expect(one({ name: '' })).rejects.toThrow(InvalidVariableError);
    await expect(one({ shape: [-1] })).rejects.toThrow(InvalidVariableError);
    const v: CheckpointVariable = { name: 'a', dtype: 'int32', shape: [], values: new Int32Array(1) };
    await expect(writeBundle(join(dir, 'x'), [v, v])).rejects.toThrow(/appears twice/);
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(!haveFixtures)('bundle writer - rewrites the lfads fixture byte for byte (skipped without ../shared/fixtures)', async () => {
    const index = findFile(join(fixturesDir, 'checkpoint_v2', 'tfmodels_lfads_trained_itb'), 'model-65000.index')!;
    const source = await BundleReader.open(index.replace(/\.index$/, ''));
    const variables: CheckpointVariable[] = [];
    for (const v of source.list()) variables.push({ name: v.name, dtype: v.dtype as CheckpointVariable['dtype'], shape: v.shape, values: (await source.read(v.name)) as Float32Array });
    await source.close();
    const prefix = join(dir, 'model-65000');
    await writeBundle(prefix, variables);
    expect(Buffer.compare(await readFile(`${prefix}.index`), await readFile(index))).toBe(0);
    expect(Buffer.compare(await readFile(`${prefix}.data-00000-of-00001`), await readFile(index.replace(/\.index$/, '.data-00000-of-00001')))).toBe(0);
  });

  it.skipIf(!haveFixtures)('bundle writer - rewrites the tfx and T2T fixtures with the same entries and CRCs (skipped without ../shared/fixtures)', async () => {
    for (const [folder, file] of [['tfx_estimator_ckpt', 'model.ckpt-1000.index'], ['t2t_transformer_test_ckpt', 'model.ckpt-1.index']]) {
      const source = await BundleReader.open(findFile(join(fixturesDir, 'checkpoint_v2', folder), file)!.replace(/\.index$/, ''));
      const variables: CheckpointVariable[] = [];
      for (const v of source.list()) variables.push({ name: v.name, dtype: v.dtype as CheckpointVariable['dtype'], shape: v.shape, values: (await source.read(v.name)) as Float32Array });
      const prefix = join(dir, file.replace(/\.index$/, ''));
      await writeBundle(prefix, variables);
      const copy = await BundleReader.open(prefix);
      expect(copy.list()).toEqual(source.list());
      expect(copy.header.numShards).toBe(1);
      expect(copy.header.version.producer).toBe(source.header.version.producer);
      expect(copy.tableLayout.metaindexEntries).toBe(0);
      expect(copy.tableLayout.dataBlocks.length).toBe(source.tableLayout.dataBlocks.length);
      for (const { name } of source.list()) {
        const [a, b] = [source.entry(name), copy.entry(name)];
        expect([b.size, b.crc32c], name).toEqual([a.size, a.crc32c]);
        expect(sameValues(await copy.read(name), await source.read(name)), name).toBe(true);
      }
      await Promise.all([source.close(), copy.close()]);
    }
  });
});
