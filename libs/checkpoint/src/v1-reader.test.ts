import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptCheckpointError, NotACheckpointError, UnknownVariableError } from './errors';
import { openCheckpoint } from './open-checkpoint';
import { type SyntheticTensor, writeSyntheticV1 } from './testing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'v1-reader-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const range = (n: number, from = 0) => Float32Array.from({ length: n }, (_, i) => from + i);

// A [4,3] variable saved as two row partitions, as tf.get_variable(partitioner=...) does.
const partitioned: SyntheticTensor = {
  name: 'InceptionV1/Logits/weights',
  dtype: 'float32',
  shape: [4, 3],
  slices: [
    { extents: [{ start: 0, length: 2 }, { start: 0, length: undefined }], values: range(6) },
    { extents: [{ start: 2, length: 2 }, { start: 0, length: undefined }], values: range(6, 6) },
  ],
};
const columnSplit: SyntheticTensor = {
  name: 'cols',
  dtype: 'float32',
  shape: [2, 3],
  slices: [
    { extents: [{ start: 0, length: undefined }, { start: 2, length: 1 }], values: new Float32Array([2, 5]) },
    { extents: [{ start: 0, length: undefined }, { start: 0, length: 2 }], values: new Float32Array([0, 1, 3, 4]) },
  ],
};
const full: SyntheticTensor[] = [
  { name: 'conv/weights', dtype: 'float32', shape: [2, 2, 1, 3], slices: [{ extents: [], values: range(12) }] },
  { name: 'global_step', dtype: 'int64', shape: [], slices: [{ extents: [], values: new BigInt64Array([1234567890123n]) }] },
  { name: 'counts', dtype: 'int32', shape: [3], slices: [{ extents: [{ start: 0, length: undefined }], values: new Int32Array([-1, 0, 7]) }] },
  { name: 'mask', dtype: 'bool', shape: [2], slices: [{ extents: [], values: new Uint8Array([1, 0]) }] },
  { name: 'd', dtype: 'float64', shape: [2], slices: [{ extents: [], values: new Float64Array([0.1, -2]) }] },
];

describe('v1 reader', () => {
  it('v1 reader - reads full slices of every value field, as a TF-Slim model.ckpt holds them', async () => {
    const path = join(dir, 'model.ckpt');
    writeSyntheticV1(path, full);
    const reader = await openCheckpoint(path);
    try {
      expect(reader.format).toBe('v1');
      expect(reader.list().map((v) => `${v.name} ${v.tfDtype} [${v.shape}]`)).toEqual([
        'conv/weights DT_FLOAT [2,2,1,3]', 'counts DT_INT32 [3]', 'd DT_DOUBLE [2]', 'global_step DT_INT64 []', 'mask DT_BOOL [2]',
      ]);
      for (const t of full) expect(await reader.read(t.name)).toEqual(t.slices[0].values);
    } finally {
      await reader.close();
    }
  });

  it('v1 reader - reads tensor_content as well as typed value fields', async () => {
    const path = join(dir, 'content.ckpt');
    writeSyntheticV1(path, full.slice(0, 3), true);
    const reader = await openCheckpoint(path);
    for (const t of full.slice(0, 3)) expect(await reader.read(t.name)).toEqual(t.slices[0].values);
    await reader.close();
  });

  it('v1 reader - assembles row- and column-partitioned slices', async () => {
    const path = join(dir, 'parts.ckpt');
    writeSyntheticV1(path, [partitioned, columnSplit]);
    const reader = await openCheckpoint(path);
    expect(await reader.read(partitioned.name)).toEqual(range(12));
    expect(await reader.read('cols')).toEqual(range(6));
    await reader.close();
  });

  it('v1 reader - reports a missing slice and suggests names for a typo', async () => {
    const path = join(dir, 'missing.ckpt');
    writeSyntheticV1(path, [{ ...partitioned, slices: [partitioned.slices[0]] }]);
    const reader = await openCheckpoint(path);
    await expect(reader.read(partitioned.name)).rejects.toThrow(CorruptCheckpointError);
    await expect(reader.read(partitioned.name)).rejects.toThrow(/cover 6 of 12/);
    await expect(reader.read('InceptionV1/Logit/weights')).rejects.toThrow(UnknownVariableError);
    await expect(reader.read('InceptionV1/Logit/weights')).rejects.toThrow(/close names: InceptionV1\/Logits\/weights/);
    await reader.close();
  });

  it('v1 reader - opens a sharded V1 checkpoint by its pattern name', async () => {
    writeSyntheticV1(join(dir, 'export-00000-of-00002'), full.slice(0, 2));
    writeSyntheticV1(join(dir, 'export-00001-of-00002'), full.slice(2));
    const reader = await openCheckpoint(join(dir, 'export'));
    expect(reader.list().length).toBe(5);
    expect(await reader.read('mask')).toEqual(new Uint8Array([1, 0]));
    await reader.close();
    await rm(join(dir, 'export-00001-of-00002'));
    await expect(openCheckpoint(join(dir, 'export'))).rejects.toThrow(NotACheckpointError);
  });
});
