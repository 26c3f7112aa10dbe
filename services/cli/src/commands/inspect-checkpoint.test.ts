// finetune inspect-checkpoint as a user runs it: TensorFlow's checkpoints and the builtin weights.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const fixtures = path.resolve(repo, '../shared/fixtures');
const finetune = (...args: string[]) => spawnSync(process.execPath, ['services/cli/bin/finetune.js', 'inspect-checkpoint', ...args], { cwd: repo, encoding: 'utf8', timeout: 60_000 });

describe('inspect-checkpoint', () => {
  it('inspect-checkpoint - lists the builtin backbone under Slim names, sorted, without a head', () => {
    const r = finetune('--file_name', 'builtin:mobilenet_v2');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('MobilenetV2/Conv/weights (DT_FLOAT) [3,3,3,32]');
    expect(lines).toEqual([...lines].sort());
    expect(lines.some((l) => l.startsWith('MobilenetV2/Logits'))).toBe(false);
  });

  it('inspect-checkpoint - a file that is not a checkpoint is one line naming it, exit 2', () => {
    const r = finetune('--file_name', path.join(repo, 'README.md'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/README\.md is not a TensorFlow checkpoint/);
  });

  it.skipIf(!existsSync(fixtures))('inspect-checkpoint - prints a TensorFlow V2 checkpoint as inspect_checkpoint does (fixtures from ../shared)', () => {
    const r = finetune('--file_name', path.join(fixtures, 'checkpoint_v2/tfmodels_lfads_trained_itb/model-65000'), '--tensor_name', 'global_step');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('tensor_name:  global_step\n65000\n');
  });
});
