import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBundle } from './bundle-writer';
import { NotACheckpointError } from './errors';
import { openCheckpoint } from './open-checkpoint';
import { fixturesDir, haveFixtures } from './testing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'open-ckpt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const one = [{ name: 'w', dtype: 'float32' as const, shape: [1], values: new Float32Array([1]) }];

describe('open checkpoint', () => {
  it('open checkpoint - accepts a prefix, its .index, its data shard and its directory', async () => {
    const prefix = join(dir, 'model.ckpt-1000');
    await writeBundle(prefix, one);
    for (const p of [prefix, `${prefix}.index`, `${prefix}.data-00000-of-00001`, dir]) {
      const r = await openCheckpoint(p);
      expect([r.format, r.path]).toEqual(['v2', prefix]);
      await r.close();
    }
  });

  it('open checkpoint - resolves the newest checkpoint named by the state file', async () => {
    await writeBundle(join(dir, 'model.ckpt-1'), one);
    await writeBundle(join(dir, 'model.ckpt-2'), one);
    await writeFile(join(dir, 'checkpoint'), 'model_checkpoint_path: "model.ckpt-1"\nall_model_checkpoint_paths: "model.ckpt-1"\n');
    const r = await openCheckpoint(dir);
    expect(r.path).toBe(join(dir, 'model.ckpt-1'));
    await r.close();
  });

  it('open checkpoint - names the directory or file that holds no checkpoint', async () => {
    await expect(openCheckpoint(dir)).rejects.toThrow(NotACheckpointError);
    await expect(openCheckpoint(dir)).rejects.toThrow(new RegExp(`${dir} is not a TensorFlow checkpoint`));
    await writeFile(join(dir, 'checkpoint'), 'model_checkpoint_path: "gone-5"\n');
    await expect(openCheckpoint(dir)).rejects.toThrow(/gone-5 is not a TensorFlow checkpoint/);
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await expect(openCheckpoint(join(dir, 'notes.txt'))).rejects.toThrow(/notes\.txt is not a TensorFlow checkpoint/);
  });

  it.skipIf(!haveFixtures)('open checkpoint - opens the T2T directory via its state file and the TF2 SavedModel variables dir (skipped without ../shared/fixtures)', async () => {
    const t2t = await openCheckpoint(join(fixturesDir, 'checkpoint_v2/t2t_transformer_test_ckpt'));
    expect(t2t.path).toMatch(/model\.ckpt-1$/);
    expect(t2t.list().length).toBe(250);
    await t2t.close();
    const tf2 = await openCheckpoint(join(fixturesDir, 'checkpoint_v2/serving_saved_model_half_plus_two_tf2_cpu/variables'));
    expect(await tf2.read('b/.ATTRIBUTES/VARIABLE_VALUE')).toEqual(new Float32Array([2]));
    expect((await tf2.readBytes('_CHECKPOINTABLE_OBJECT_GRAPH'))[0].length).toBe(613);
    await tf2.close();
    const v1 = await openCheckpoint(join(fixturesDir, 'checkpoint_v1/serving_session_bundle_half_plus_two/export'));
    expect(v1.format).toBe('v1');
    expect(await v1.read('b')).toEqual(new Float32Array([2]));
    await v1.close();
  });
});
