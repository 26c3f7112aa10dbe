import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from './bundle-writer';
import type { CheckpointReader } from './checkpoint-reader';
import { checkShapes } from './check-shapes';
import { ShapeMismatchError, UnknownVariableError } from './errors';
import { formatInspect, formatValues } from './inspect';
import { openCheckpoint } from './open-checkpoint';
import { readFloat32 } from './read-float32';
import { fixturesDir, haveFixtures } from './testing';

let dir: string;
let reader: CheckpointReader;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inspect-'));
  await writeBundle(join(dir, 'model.ckpt-5'), [
    { name: 'InceptionV3/Logits/Conv2d_1c_1x1/weights', dtype: 'float32', shape: [1, 1, 2, 3], values: new Float32Array([0.5, -1, 2, 3.25, 4, 5]) },
    { name: 'global_step', dtype: 'int64', shape: [], values: new BigInt64Array([5n]) },
    { name: 'labels', dtype: 'string', shape: [2], values: ['daisy', 'tulips'] },
  ]);
  reader = await openCheckpoint(dir);
});
afterAll(async () => {
  await reader.close();
  await rm(dir, { recursive: true, force: true });
});

describe('inspect', () => {
  it('inspect - prints one line per variable like inspect_checkpoint', async () => {
    expect(await formatInspect(reader)).toBe(
      'InceptionV3/Logits/Conv2d_1c_1x1/weights (DT_FLOAT) [1,1,2,3]\nglobal_step (DT_INT64) []\nlabels (DT_STRING) [2]\n',
    );
  });

  it('inspect - prints values of one tensor or all of them', async () => {
    expect(await formatInspect(reader, { tensorName: 'global_step' })).toBe('tensor_name:  global_step\n5\n');
    const all = await formatInspect(reader, { values: true });
    expect(all).toContain('tensor_name:  InceptionV3/Logits/Conv2d_1c_1x1/weights\n[[[[0.5 -1 2]\n   [3.25 4 5]]]]\n');
    expect(all).toContain("tensor_name:  labels\n[b'daisy' b'tulips']\n");
  });

  it('inspect - elides the middle of long axes as numpy does', () => {
    const v = Float32Array.from({ length: 20 }, (_, i) => i);
    expect(formatValues(v, [20], true, 3)).toBe('[0 1 2 ... 17 18 19]');
    expect(formatValues(v, [4, 5], false, 3)).toBe('[[0 1 2 3 4]\n [5 6 7 8 9]\n [10 11 12 13 14]\n [15 16 17 18 19]]');
  });

  it.skipIf(!haveFixtures)('inspect - lists the tfx fixture with TF dtype names (skipped without ../shared/fixtures)', async () => {
    const tfx = await openCheckpoint(join(fixturesDir, 'checkpoint_v2/tfx_estimator_ckpt/model.ckpt-1000'));
    const text = await formatInspect(tfx);
    expect(text).toContain('dnn/hiddenlayer_1/kernel (DT_FLOAT) [100,70]\n');
    expect(text).toContain('global_step (DT_INT64) []\n');
    expect(text.split('\n').length).toBe(61);
    await tfx.close();
  });
});

describe('read float32', () => {
  it('read float32 - widens int64 and passes float32 through, refusing strings', async () => {
    expect(await readFloat32(reader, 'global_step')).toEqual(new Float32Array([5]));
    expect((await readFloat32(reader, 'InceptionV3/Logits/Conv2d_1c_1x1/weights'))[1]).toBe(-1);
    await expect(readFloat32(reader, 'labels')).rejects.toThrow(/string variable labels/);
  });
});

describe('check shapes', () => {
  it('check shapes - passes matching shapes and names both shapes of a mismatch', () => {
    expect(() => checkShapes([{ name: 'global_step', shape: [] }], reader)).not.toThrow();
    const run = () => checkShapes([{ name: 'InceptionV3/Logits/Conv2d_1c_1x1/weights', shape: [1, 1, 2, 1001] }], reader);
    expect(run).toThrow(ShapeMismatchError);
    expect(run).toThrow('variable InceptionV3/Logits/Conv2d_1c_1x1/weights: the model expects shape [1,1,2,1001] but the checkpoint has [1,1,2,3]');
    expect(() => checkShapes([{ name: 'InceptionV3/Logits/Conv2d_1c_1x1/weight', shape: [] }], reader)).toThrow(UnknownVariableError);
  });
});
