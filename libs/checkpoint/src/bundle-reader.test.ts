import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBundle } from './bundle-writer';
import { CorruptCheckpointError, NotACheckpointError, TruncatedCheckpointError, UnknownVariableError } from './errors';
import { openCheckpoint } from './open-checkpoint';
import { writeSyntheticPartitionedV2 } from './testing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-reader-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const weights = { name: 'resnet_v1_50/logits/weights', dtype: 'float32' as const, shape: [2, 3], values: new Float32Array([1, 2, 3, 4, 5, 6]) };

describe('bundle reader', () => {
  it('bundle reader - assembles a partitioned variable from its slice entries', async () => {
    const prefix = join(dir, 'part');
    writeSyntheticPartitionedV2(prefix, [
      {
        name: 'emb',
        dtype: 'float32',
        shape: [3, 2],
        slices: [
          { extents: [{ start: 2, length: 1 }, { start: 0, length: undefined }], values: new Float32Array([4, 5]) },
          { extents: [{ start: 0, length: 2 }, { start: 0, length: undefined }], values: new Float32Array([0, 1, 2, 3]) },
        ],
      },
    ]);
    const reader = await openCheckpoint(prefix);
    expect(reader.list()).toEqual([{ name: 'emb', dtype: 'float32', tfDtype: 'DT_FLOAT', shape: [3, 2] }]);
    expect(await reader.read('emb')).toEqual(new Float32Array([0, 1, 2, 3, 4, 5]));
    await reader.close();
  });

  it('bundle reader - names the data file and variable of a bad tensor crc32c', async () => {
    const prefix = join(dir, 'model.ckpt-1');
    await writeBundle(prefix, [weights]);
    const data = join(dir, 'model.ckpt-1.data-00000-of-00001');
    const bytes = await readFile(data);
    bytes[5] ^= 1;
    await writeFile(data, bytes);
    const reader = await openCheckpoint(prefix);
    await expect(reader.read(weights.name)).rejects.toThrow(CorruptCheckpointError);
    await expect(reader.read(weights.name)).rejects.toThrow(/model\.ckpt-1\.data-00000-of-00001 \(variable "resnet_v1_50\/logits\/weights"\).*crc32c/);
    await reader.close();
  });

  it('bundle reader - reports a short data shard as truncated with file and offset', async () => {
    const prefix = join(dir, 'model.ckpt-2');
    await writeBundle(prefix, [weights, { ...weights, name: 'z' }]);
    const data = join(dir, 'model.ckpt-2.data-00000-of-00001');
    await writeFile(data, (await readFile(data)).subarray(0, 30));
    const reader = await openCheckpoint(prefix);
    expect(await reader.read(weights.name)).toEqual(weights.values);
    const err = await reader.read('z').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TruncatedCheckpointError);
    expect(err).toMatchObject({ file: data, offset: 24 });
    await reader.close();
  });

  it('bundle reader - lists close names for an unknown variable', async () => {
    const prefix = join(dir, 'model.ckpt-3');
    await writeBundle(prefix, [weights, { ...weights, name: 'resnet_v1_50/logits/biases', shape: [6] }]);
    const reader = await openCheckpoint(prefix);
    const err = (await reader.read('resnet_v1_50/logits/weight').catch((e: unknown) => e)) as UnknownVariableError;
    expect(err).toBeInstanceOf(UnknownVariableError);
    expect(err.closeNames[0]).toBe('resnet_v1_50/logits/weights');
    expect(() => reader.info('nothing/like/it/at/all')).toThrow(/no variable "nothing\/like\/it\/at\/all" in/);
    await reader.close();
  });

  it('bundle reader - a missing data shard or index is not a checkpoint, naming the path', async () => {
    const prefix = join(dir, 'model.ckpt-4');
    await writeBundle(prefix, [weights]);
    await rm(`${prefix}.data-00000-of-00001`);
    await expect(openCheckpoint(prefix)).rejects.toThrow(NotACheckpointError);
    await expect(openCheckpoint(prefix)).rejects.toThrow(/model\.ckpt-4.*data-00000-of-00001 is missing/);
    await expect(openCheckpoint(join(dir, 'nope'))).rejects.toThrow(/nope is not a TensorFlow checkpoint/);
  });
});
