import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveCheckpoint } from '@finetune/checkpoint';
import { EVAL_DIR_NAME, evaluatedRecord, writeEvaluationRecord } from '@finetune/engine';
import { checkpointEvaluation } from '@finetune/engine/testing';
import { getNet, movingAverageName } from '@finetune/nets';
import { exportCommand } from './export';

const LABELS = ['daisy', 'roses', 'tulips'];
let dir: string;
let trainDir: string;

/** `<train_dir>/eval/step-<N>.json` as the evaluator writes it; with a decay, a result of the averages. */
async function writeRecord(step: number, accuracy: number, movingAverageDecay?: number): Promise<void> {
  const evaluation = { ...checkpointEvaluation(step, 'validation', accuracy), checkpointPath: path.join(trainDir, `model.ckpt-${step}`), ...(movingAverageDecay && { movingAverageDecay }) };
  await writeEvaluationRecord(path.join(trainDir, EVAL_DIR_NAME), evaluatedRecord(evaluation, { jobId: '', trainDir }));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cli-export-'));
  trainDir = path.join(dir, 'train');
  const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 32, depthMultiplier: 0.35 });
  const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
  net.model.dispose();
  const averages = variables.map((v) => ({ ...v, name: movingAverageName(v.name) }));
  const meta = { modelName: 'mobilenet_v2', numClasses: 3, labelNames: LABELS, imageSize: 32 };
  // As a job trained with --moving_average_decay=0.999 saves them, step 30 evaluated automatically on its averages.
  for (const step of [20, 30]) await saveCheckpoint(trainDir, step, [...variables, ...averages], { ...meta, movingAverageDecay: 0.999 });
  await writeRecord(30, 0.9, 0.999);
  await writeRecord(20, 0.5);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  try {
    return { code: await exportCommand.run(argv), stdout };
  } finally {
    spy.mockRestore();
  }
}

describe('finetune export', () => {
  it('finetune export - --best exports the weights the best evaluation measured; asked for averages it did not measure, it refuses naming the record', async () => {
    const flags = [`--train_dir=${trainDir}`, '--best', '--model_name=mobilenet_v2', `--output_dir=${path.join(dir, 'models')}`, '--served_model_name=flowers'];
    const { code, stdout } = await run(flags);
    expect(code).toBe(0);
    expect(stdout).toContain(`checkpoint ${path.join(trainDir, 'model.ckpt-30')} (step 30)`);
    expect(stdout).toContain("weights: the checkpoint's moving averages (moving_average_decay 0.999)");
    expect(stdout).toContain('accuracy 0.9000');
    const metadata = JSON.parse(await readFile(path.join(dir, 'models', 'flowers', '1', 'finetune-model.json'), 'utf8'));
    expect(metadata.source).toMatchObject({ step: 30, movingAverageDecay: 0.999 });

    // Step 20 is now the best, measured on its variables: --best alone exports those; with the flag it is refused.
    await writeRecord(20, 0.95);
    const ofVariables = await run(flags);
    expect(ofVariables.stdout).toContain('(step 20)');
    expect(ofVariables.stdout).not.toContain('moving averages');
    await expect(run([...flags, '--moving_average_decay=0.999'])).rejects.toThrow(
      /^moving_average_decay: is 0\.999, but the best checkpoint, step 20, was chosen by \S+step-20\.json, which measured its variables, not its moving averages/,
    );
  });
});
