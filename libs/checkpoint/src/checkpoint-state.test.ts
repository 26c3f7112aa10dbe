import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCheckpointState, parseCheckpointState, readCheckpointState, writeCheckpointState } from './checkpoint-state';
import { CorruptCheckpointError } from './errors';
import { findFile, fixturesDir, haveFixtures } from './testing';

describe('checkpoint state', () => {
  it('checkpoint state - parses paths, timestamps and escapes', () => {
    const s = parseCheckpointState(
      [
        'model_checkpoint_path: "model.ckpt-2"',
        'all_model_checkpoint_paths: "model.ckpt-1"',
        'all_model_checkpoint_paths: "dir \\"q\\"/caf\\303\\251-2"',
        'all_model_checkpoint_timestamps: 1692000000.5',
        'last_preserved_timestamp: 1692000000.1',
      ].join('\n'),
      'checkpoint',
    );
    expect(s.modelCheckpointPath).toBe('model.ckpt-2');
    expect(s.allModelCheckpointPaths).toEqual(['model.ckpt-1', 'dir "q"/café-2']);
  });

  it('checkpoint state - round-trips through the text format', () => {
    const state = { modelCheckpointPath: '/tmp/a b/model.ckpt-5', allModelCheckpointPaths: ['model.ckpt-1', 'é\\"x', '/tmp/a b/model.ckpt-5'] };
    expect(parseCheckpointState(formatCheckpointState(state), 'c')).toEqual(state);
  });

  it('checkpoint state - names the file and line of a malformed state', () => {
    expect(() => parseCheckpointState('model_checkpoint_path "x"', '/d/checkpoint')).toThrow(CorruptCheckpointError);
    expect(() => parseCheckpointState('model_checkpoint_path: "x', '/d/checkpoint')).toThrow(/\/d\/checkpoint.*line 1/);
  });

  it('checkpoint state - writes atomically and reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ckpt-state-'));
    try {
      expect(await readCheckpointState(dir)).toBeUndefined();
      await writeCheckpointState(dir, { modelCheckpointPath: 'model.ckpt-3', allModelCheckpointPaths: ['model.ckpt-3'] });
      expect(await readFile(join(dir, 'checkpoint'), 'utf8')).toBe('model_checkpoint_path: "model.ckpt-3"\nall_model_checkpoint_paths: "model.ckpt-3"\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!haveFixtures)('checkpoint state - reads the T2T state file (skipped without ../shared/fixtures)', async () => {
    const file = findFile(join(fixturesDir, 'checkpoint_v2'), 'checkpoint')!;
    const s = await readCheckpointState(join(file, '..'));
    expect(s).toEqual({ modelCheckpointPath: 'model.ckpt-1', allModelCheckpointPaths: ['model.ckpt-1'] });
  });
});
