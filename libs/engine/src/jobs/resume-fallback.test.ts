// A train dir whose newest checkpoint is incomplete: the job resumes from the newest complete one and says so.
import { readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLatestCheckpoint, readCheckpointState } from '@finetune/checkpoint';
import { closeIdleWorkers } from '@finetune/datasets';
import { runTrainingJob } from './run-training-job';
import { makeColourDataset, tinyJob, type ColourDataset } from './testing';

let data: ColourDataset;
beforeAll(async () => {
  data = await makeColourDataset('resume-fallback-');
});
afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

async function trainTo(trainDir: string, steps: number, warnings: string[] = []) {
  return runTrainingJob(tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps: steps }), {
    log: { info: () => undefined, warn: (msg) => void warnings.push(msg) },
  });
}

describe('resume fallback', () => {
  it('resume - a state file naming a missing newest checkpoint resumes from the newest complete one, logged, one run in the state file', async () => {
    const trainDir = join(data.root, 'missing-newest');
    await trainTo(trainDir, 3);
    await writeFile(join(trainDir, 'checkpoint'), 'model_checkpoint_path: "model.ckpt-999"\nall_model_checkpoint_paths: "model.ckpt-999"\n');
    expect(await findLatestCheckpoint(trainDir)).toEqual({ prefix: join(trainDir, 'model.ckpt-3'), incomplete: join(trainDir, 'model.ckpt-999') });
    const warnings: string[] = [];
    const result = await trainTo(trainDir, 5, warnings);
    expect(result.startPoint).toMatchObject({ kind: 'resume', step: 3, path: join(trainDir, 'model.ckpt-3') });
    expect(warnings.join('\n')).toMatch(/names .*model\.ckpt-999 as newest, but it is incomplete; resuming from the newest complete checkpoint .*model\.ckpt-3/);
    const state = await readCheckpointState(trainDir);
    expect(state!.allModelCheckpointPaths.every((p) => Number(/-(\d+)$/.exec(p)![1]) <= 5 && !p.endsWith('-999'))).toBe(true);
    expect(state!.modelCheckpointPath).toBe('model.ckpt-5');
  }, 120_000);

  it('resume - a newest checkpoint whose .data is missing is passed over for the one before it', async () => {
    const trainDir = join(data.root, 'missing-data');
    await trainTo(trainDir, 4);
    const before = await readFile(join(trainDir, 'checkpoint'), 'utf8');
    expect(before).toMatch(/model_checkpoint_path: "model.ckpt-4"/);
    for (const name of await readdir(trainDir)) if (name.startsWith('model.ckpt-4.data-')) await unlink(join(trainDir, name));
    const result = await trainTo(trainDir, 6);
    expect(result.startPoint).toMatchObject({ kind: 'resume', step: 0, path: join(trainDir, 'model.ckpt-0') }); // step 0 is saved at start
    expect(result.globalStep).toBe(6);
  }, 120_000);
});
