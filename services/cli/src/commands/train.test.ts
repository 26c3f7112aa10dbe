// finetune train in this process: --help lists the schedule and retention flags from TRAIN_FLAGS, and a run with
// cosine, warmup, balanced class weights and keep_checkpoint_max trains, keeps what it should and resumes.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listCheckpoints } from '@finetune/checkpoint';
import { convertImageFolder, type LoadedManifest } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { trainCommand } from './train';

let dir: string;
let manifest: LoadedManifest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cli-train-'));
  await makeImageTree(path.join(dir, 'pic'), {
    blue: { count: 9, format: 'png', rgb: [30, 40, 220], width: 32, height: 32 },
    red: { count: 3, format: 'png', rgb: [220, 30, 30], width: 32, height: 32 },
  });
  ({ manifest } = await convertImageFolder({ trainDir: path.join(dir, 'pic'), outputDir: path.join(dir, 'colours'), datasetName: 'colours', trainShards: 1, validationShards: 1, numThreads: 1 }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await trainCommand.run(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The --help entry of one flag: its line and the doc line under it. */
function helpOf(help: string, flag: string): string {
  const lines = help.split('\n');
  const i = lines.findIndex((l) => l.trim() === `--${flag}`);
  return i < 0 ? '' : `${lines[i]}\n${lines[i + 1]}`;
}

describe('finetune train', () => {
  it('finetune train - --help lists cosine, --warmup_steps, --class_weights and --keep_checkpoint_max with their defaults', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(helpOf(stdout, 'learning_rate_decay_type')).toMatch(/One of fixed, exponential, polynomial, cosine\. \(default "fixed"\)/);
    expect(helpOf(stdout, 'warmup_steps')).toMatch(/rises linearly from 0 to learning_rate.*\(default 0\)/);
    expect(helpOf(stdout, 'class_weights')).toMatch(/n_samples \/ \(n_classes \* count_c\).*One of none, balanced\. \(default "none"\)/);
    expect(helpOf(stdout, 'keep_checkpoint_max')).toMatch(/best by evaluation.*\(default 5\)/);
  });

  it('finetune train - the new flags train in process, keep the newest checkpoint only, and resume', async () => {
    const trainDir = path.join(dir, 'train');
    const flags = (steps: number) => [
      `--train_dir=${trainDir}`,
      `--dataset_dir=${manifest.dir}`,
      '--model_name=mobilenet_v2',
      '--depth_multiplier=0.35',
      '--train_image_size=32',
      '--checkpoint_path=none',
      '--trainable_scopes=MobilenetV2/Logits',
      '--batch_size=4',
      `--max_number_of_steps=${steps}`,
      '--num_preprocessing_threads=1',
      '--engine_workers=1',
      '--learning_rate_decay_type=cosine',
      '--warmup_steps=1',
      '--class_weights=balanced',
      '--keep_checkpoint_max=1',
    ];
    const first = await run(flags(3));
    expect(first.code).toBe(0);
    // 9 blue and 3 red: 12 / (2 * 9) and 12 / (2 * 3).
    expect(first.stderr).toContain('class weights (balanced): blue 0.667, red 2.000');
    expect((await listCheckpoints(trainDir)).map((c) => c.step)).toEqual([3]);
    const resumed = await run(flags(5));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming from .*model\.ckpt-3 at global step 3/);
    expect((await listCheckpoints(trainDir)).map((c) => c.step)).toEqual([5]);
  });
});
