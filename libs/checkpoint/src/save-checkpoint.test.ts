import { copyFile, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointVariable } from './bundle-writer';
import { latestCheckpoint, listCheckpoints, pruneCheckpoints } from './checkpoint-dir';
import { readCheckpointMeta } from './checkpoint-meta';
import { InvalidCheckpointMetaError, InvalidVariableError } from './errors';
import { openCheckpoint } from './open-checkpoint';
import { saveCheckpoint } from './save-checkpoint';
import { slotVariableNames } from './slot-names';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-ckpt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const meta = { modelName: 'mobilenet_v2', numClasses: 2, labelNames: ['daisy', 'roses'] };
const weights = 'MobilenetV2/Logits/Conv2d_1c_1x1/weights';

function variables(step: number): CheckpointVariable[] {
  const w = new Float32Array([step, 1, 2, 3]);
  const [m, v] = slotVariableNames(weights, 'adam');
  return [
    { name: weights, dtype: 'float32', shape: [1, 1, 2, 2], values: w },
    { name: m, dtype: 'float32', shape: [1, 1, 2, 2], values: w.map((x) => x / 10) },
    { name: v, dtype: 'float32', shape: [1, 1, 2, 2], values: w.map((x) => x / 100) },
    { name: 'beta1_power', dtype: 'float32', shape: [], values: new Float32Array([0.9]) },
  ];
}

const steps = async () => (await listCheckpoints(dir)).map((r) => r.step);

describe('save checkpoint', () => {
  it('save checkpoint - writes a TF bundle, meta sidecar and state file that read back identically', async () => {
    const saved = await saveCheckpoint(dir, 1000, variables(1000), meta, { now: () => new Date('2024-05-01T00:00:00Z') });
    expect(saved.prefix).toBe(join(dir, 'model.ckpt-1000'));
    expect((await readdir(dir)).sort()).toEqual(['checkpoint', 'model.ckpt-1000.data-00000-of-00001', 'model.ckpt-1000.index', 'model.ckpt-1000.meta.json']);
    expect(await readFile(join(dir, 'checkpoint'), 'utf8')).toBe('model_checkpoint_path: "model.ckpt-1000"\nall_model_checkpoint_paths: "model.ckpt-1000"\n');
    const reader = await openCheckpoint(dir);
    try {
      expect(reader.path).toBe(saved.prefix);
      expect(reader.list().map((v) => `${v.name} ${v.dtype} [${v.shape}]`)).toEqual([
        `${weights} float32 [1,1,2,2]`,
        `${weights}/Adam float32 [1,1,2,2]`,
        `${weights}/Adam_1 float32 [1,1,2,2]`,
        'beta1_power float32 []',
        'global_step int64 []',
      ]);
      expect(await reader.read('global_step')).toEqual(new BigInt64Array([1000n]));
      for (const v of variables(1000)) expect(await reader.read(v.name)).toEqual(v.values);
    } finally {
      await reader.close();
    }
    expect(await readCheckpointMeta(saved.prefix)).toEqual({
      format: 'finetune.checkpoint.meta/v1', step: 1000, modelName: 'mobilenet_v2', numClasses: 2, labelNames: ['daisy', 'roses'], createdAt: '2024-05-01T00:00:00.000Z',
    });
  });

  it('save checkpoint - the sidecar round-trips preprocessing and alpha background; absent stays absent', async () => {
    const saved = await saveCheckpoint(dir, 7, variables(7), { ...meta, preprocessing: 'unit', alphaBackground: '#000000' });
    expect(await readCheckpointMeta(saved.prefix)).toMatchObject({ preprocessing: 'unit', alphaBackground: '#000000' });
    const old = await saveCheckpoint(dir, 8, variables(8), meta);
    expect(await readCheckpointMeta(old.prefix)).not.toHaveProperty('alphaBackground');
    await expect(saveCheckpoint(dir, 9, variables(9), { ...meta, alphaBackground: '' })).rejects.toThrow(/alphaBackground must be a non-empty string/);
  });

  it('save checkpoint - the sidecar records the moving-average decay training kept; absent stays absent', async () => {
    const averaged = await saveCheckpoint(dir, 11, variables(11), { ...meta, movingAverageDecay: 0.9999 });
    expect(await readCheckpointMeta(averaged.prefix)).toMatchObject({ movingAverageDecay: 0.9999 });
    expect(await readCheckpointMeta((await saveCheckpoint(dir, 12, variables(12), meta)).prefix)).not.toHaveProperty('movingAverageDecay');
    const bad = { ...meta, movingAverageDecay: '0.9' as unknown as number };
    await expect(saveCheckpoint(dir, 13, variables(13), bad)).rejects.toThrow(/field movingAverageDecay must be a number, not "0.9"/);
  });

  it('save checkpoint - keeps the newest five and deletes every file of the others', async () => {
    for (const step of [0, 10, 20, 30, 40, 50, 60]) await saveCheckpoint(dir, step, variables(step), meta);
    expect(await steps()).toEqual([20, 30, 40, 50, 60]);
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'model.ckpt-60'));
    const names = await readdir(dir);
    expect(names.filter((n) => n.startsWith('model.ckpt-0.') || n.startsWith('model.ckpt-10.'))).toEqual([]);
    expect(names.length).toBe(1 + 5 * 3);
    expect(await pruneCheckpoints(dir, 2)).toEqual([20, 30, 40].map((s) => join(dir, `model.ckpt-${s}`)));
    expect(await steps()).toEqual([50, 60]);
  });

  it('save checkpoint - lists by scanning complete .index files when the state file is gone', async () => {
    for (const step of [5, 6, 7]) await saveCheckpoint(dir, step, variables(step), meta);
    await unlink(join(dir, 'checkpoint'));
    await unlink(join(dir, 'model.ckpt-7.data-00000-of-00001')); // an incomplete checkpoint is not listed
    expect(await steps()).toEqual([5, 6]);
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'model.ckpt-6'));
  });

  it('save checkpoint - a save killed before its .index rename leaves the previous checkpoint latest', async () => {
    await saveCheckpoint(dir, 1, variables(1), meta);
    // What a kill between the data rename and the index rename leaves: data shard and temps, no index.
    await copyFile(join(dir, 'model.ckpt-1.data-00000-of-00001'), join(dir, 'model.ckpt-2.data-00000-of-00001'));
    await writeFile(join(dir, 'model.ckpt-2.index.tmp-999999999-dead'), 'partial');
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'model.ckpt-1'));
    await expect(openCheckpoint(join(dir, 'model.ckpt-2'))).rejects.toThrow(/model\.ckpt-2/);
    await saveCheckpoint(dir, 2, variables(2), meta);
    expect(await steps()).toEqual([1, 2]);
    expect((await readdir(dir)).some((n) => n.includes('.tmp-'))).toBe(false);
  });

  it('save checkpoint - adopts a complete checkpoint the state file missed, so pruning removes it', async () => {
    await saveCheckpoint(dir, 1, variables(1), meta, { maxToKeep: 2 });
    await saveCheckpoint(dir, 2, variables(2), meta, { maxToKeep: 2 });
    const state = await readFile(join(dir, 'checkpoint'), 'utf8');
    await saveCheckpoint(dir, 3, variables(3), meta, { maxToKeep: 3 });
    await writeFile(join(dir, 'checkpoint'), state); // as if killed before the state update
    await saveCheckpoint(dir, 4, variables(4), meta, { maxToKeep: 2 });
    expect(await steps()).toEqual([2, 4]);
    expect((await readdir(dir)).filter((n) => n.startsWith('model.ckpt-3'))).toEqual([]);
  });

  it('save checkpoint - a pinned step outlives pruning, listed in step order, and resume still takes the newest', async () => {
    for (const step of [1, 2, 3, 4, 5]) await saveCheckpoint(dir, step, variables(step), meta, { maxToKeep: 2, pinnedSteps: [2] });
    expect(await steps()).toEqual([2, 4, 5]);
    expect(await latestCheckpoint(dir)).toBe(join(dir, 'model.ckpt-5'));
    const reader = await openCheckpoint(join(dir, 'model.ckpt-2'));
    expect((await reader.read(weights))[0]).toBe(2);
    await reader.close();
    // Unpinned, it goes at the next save like any other old checkpoint.
    await saveCheckpoint(dir, 6, variables(6), meta, { maxToKeep: 2 });
    expect(await steps()).toEqual([5, 6]);
  });

  it('save checkpoint - re-saving a step replaces it', async () => {
    await saveCheckpoint(dir, 3, variables(3), meta);
    await saveCheckpoint(dir, 3, variables(99), meta);
    const reader = await openCheckpoint(dir);
    expect((await reader.read(weights))[0]).toBe(99);
    await reader.close();
    expect(await steps()).toEqual([3]);
  });

  it('save checkpoint - rejects bad metadata and a global_step that disagrees with the step', async () => {
    await expect(saveCheckpoint(dir, 1, variables(1), { ...meta, numClasses: 3 })).rejects.toThrow(InvalidCheckpointMetaError);
    await expect(saveCheckpoint(dir, 1, variables(1), { ...meta, modelName: '' })).rejects.toThrow(/modelName/);
    const gs: CheckpointVariable = { name: 'global_step', dtype: 'int64', shape: [], values: new BigInt64Array([2n]) };
    await expect(saveCheckpoint(dir, 1, [gs], meta)).rejects.toThrow(InvalidVariableError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('save checkpoint - concurrent saves to one directory all land in the state file', async () => {
    await Promise.all([1, 2, 3].map((s) => saveCheckpoint(dir, s, variables(s), meta)));
    expect((await steps()).sort()).toEqual([1, 2, 3]);
  });
});
