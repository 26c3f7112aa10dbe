import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveCheckpoint } from '@finetune/checkpoint';
import { convertImageFolder, type LoadedManifest } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { CheckpointNotFoundError } from '@finetune/engine';
import { getNet, movingAverageName } from '@finetune/nets';
import { UsageError } from '../command';
import { evalCommand } from './eval';

let dir: string;
let manifest: LoadedManifest;
let trainDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cli-eval-'));
  await makeImageTree(path.join(dir, 'pic'));
  ({ manifest } = await convertImageFolder({ trainDir: path.join(dir, 'pic'), outputDir: path.join(dir, 'flowers'), datasetName: 'flowers', validationRatio: 0.34, trainShards: 1, validationShards: 1, numThreads: 1 }));
  const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 96, depthMultiplier: 0.35 });
  trainDir = path.join(dir, 'train');
  const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
  await saveCheckpoint(trainDir, 1000, variables, { modelName: 'mobilenet_v2', numClasses: 3, labelNames: manifest.classNames });
  net.model.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await evalCommand.run(argv), stdout };
  } finally {
    spy.mockRestore();
    quiet.mockRestore();
  }
}

describe('finetune eval', () => {
  it("finetune eval - prints the reference's eval/Accuracy and eval/Recall_5 lines and writes the result to --eval_dir", async () => {
    const evalDir = path.join(dir, 'eval-out');
    const { code, stdout } = await run([
      `--checkpoint_path=${trainDir}`,
      `--dataset_dir=${manifest.dir}`,
      '--dataset_name=flowers',
      '--dataset_split_name=validation',
      '--model_name=mobilenet_v2',
      '--eval_image_size=96',
      '--batch_size=4',
      `--eval_dir=${evalDir}`,
    ]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^eval\/Accuracy\[(0|1|0\.\d{1,6})\]$/);
    expect(lines[1]).toBe('eval/Recall_5[1]'); // 5 clamped to 3 classes: every label is in the top k
    expect(lines[2]).toMatch(/^eval\/Loss\[[\d.]+\]$/);
    expect(stdout).toContain(`model.ckpt-1000 (step 1000), ${manifest.splits.validation!.numImages} examples`);
    expect(stdout).toMatch(/daisy\s+\d\.\d{4}\s+\d\.\d{4}\s+2/);
    expect(await readdir(evalDir)).toEqual(['step-1000.json']);
  });

  it('finetune eval - without the flag, a checkpoint of a job that kept averages is evaluated on its variables, and says so', async () => {
    const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 96, depthMultiplier: 0.35 });
    const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
    net.model.dispose();
    const averagedDir = path.join(dir, 'averaged');
    const averages = variables.map((v) => ({ ...v, name: movingAverageName(v.name) }));
    await saveCheckpoint(averagedDir, 5, [...variables, ...averages], { modelName: 'mobilenet_v2', numClasses: 3, labelNames: manifest.classNames, movingAverageDecay: 0.999 });
    const flags = [`--checkpoint_path=${averagedDir}`, `--dataset_dir=${manifest.dir}`, '--batch_size=4'];
    const ofVariables = await run(flags);
    expect(ofVariables.stdout).toContain("of the variables: its training kept moving averages (--moving_average_decay=0.999), which the evaluator's automatic evaluations read");
    const ofAverages = await run([...flags, '--moving_average_decay=0.999']);
    expect(ofAverages.stdout).toContain('of the moving averages (--moving_average_decay=0.999); written to');
    expect(ofAverages.stdout).not.toContain('of the variables');
  });

  it('finetune eval - a missing flag or checkpoint is one clear error', async () => {
    await expect(run([`--dataset_dir=${manifest.dir}`])).rejects.toThrowError(UsageError);
    await expect(run([`--checkpoint_path=${trainDir}`])).rejects.toThrowError(/--dataset_dir is required/);
    await expect(run([`--checkpoint_path=${path.join(trainDir, 'model.ckpt-5')}`, `--dataset_dir=${manifest.dir}`])).rejects.toThrowError(CheckpointNotFoundError);
    await expect(run([`--checkpoint_path=${trainDir}`, '--recall_k=0'])).rejects.toThrowError(/--recall_k "0"/);
    await expect(run([`--checkpoint_path=${trainDir}`, `--dataset_dir=${manifest.dir}`, '--alpha_background=#ggg000'])).rejects.toThrowError(
      /^--alpha_background: "#ggg000" is not a colour #rrggbb \(e\.g\. #808080\), white or black$/,
    );
    await expect(run([`--checkpoint_path=${trainDir}`, `--dataset_dir=${manifest.dir}`, '--moving_average_decay=0.9999'])).rejects.toThrowError(
      /model\.ckpt-1000 lacks variables of the net: MobilenetV2\/\S+\/ExponentialMovingAverage; it holds no moving averages/,
    );
    await expect(run([`--checkpoint_path=${trainDir}`, `--dataset_dir=${manifest.dir}`, '--moving_average_decay=1'])).rejects.toThrowError(/^--moving_average_decay=1: must be a number in \(0, 1\)$/);
  });
});
