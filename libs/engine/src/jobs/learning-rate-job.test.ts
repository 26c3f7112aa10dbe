// A job's learning rate step by step under cosine decay with linear warmup, across a resume with a higher limit.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeIdleWorkers } from '@finetune/datasets';
import { runTrainingJob, type StepReport } from './run-training-job';
import { makeColourDataset, tinyJob, type ColourDataset } from './testing';

let data: ColourDataset;

beforeAll(async () => {
  data = await makeColourDataset('learning-rate-job-');
});

afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

const LR = 0.05;
const WARMUP = 2;

/** The rate of the update at `step` (the step count before it), written out: warmup, then half a cosine to 0. */
function expected(step: number, maxSteps: number): number {
  if (step < WARMUP) return (LR * step) / WARMUP;
  return LR * 0.5 * (1 + Math.cos((Math.PI * (step - WARMUP)) / (maxSteps - WARMUP)));
}

describe('learning rate job', () => {
  it('learning rate job - cosine with warmup sets each step’s rate, and a resume with a higher limit decays over the new span', async () => {
    const trainDir = join(data.root, 'cosine');
    const job = (maxNumberOfSteps: number) =>
      tinyJob(data.datasetDir, trainDir, { trainableScopes: 'MobilenetV2/Logits', augment: false, optimizer: 'sgd', learningRate: LR, learningRateDecayType: 'cosine', warmupSteps: WARMUP, maxNumberOfSteps, engineWorkers: 1 });
    const first: StepReport[] = [];
    await runTrainingJob(job(6), { onStep: (r) => first.push(r) });
    expect(first.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    first.forEach((r) => expect(r.learningRate, `step ${r.step}`).toBeCloseTo(expected(r.step - 1, 6), 9));
    expect(first[0]!.learningRate).toBe(0);
    expect(first[2]!.learningRate).toBeCloseTo(LR, 9);

    const resumed: StepReport[] = [];
    const result = await runTrainingJob(job(10), { onStep: (r) => resumed.push(r) });
    expect(result.startPoint).toMatchObject({ kind: 'resume', step: 6 });
    expect(resumed.map((r) => r.step)).toEqual([7, 8, 9, 10]);
    resumed.forEach((r) => expect(r.learningRate, `step ${r.step}`).toBeCloseTo(expected(r.step - 1, 10), 9));
  });

  it('learning rate job - a warmup as long as the run is refused naming --warmup_steps', async () => {
    await expect(runTrainingJob(tinyJob(data.datasetDir, join(data.root, 'too-long'), { warmupSteps: 4, maxNumberOfSteps: 4 }))).rejects.toThrow(
      /^--warmup_steps 4: must end before --max_number_of_steps 4; lower it$/,
    );
  });
});
