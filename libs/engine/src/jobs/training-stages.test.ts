// The two-stage recipe as one job: the head first, then every layer from the step it names; checkpoints and
// resume across the switch; the flags that cannot make a second stage are refused naming the flag.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCheckpoints } from '@finetune/checkpoint';
import { closeIdleWorkers } from '@finetune/datasets';
import { runTrainingJob, type StepReport } from './run-training-job';
import { changed, checkpointVariable, makeColourDataset, tinyJob, type ColourDataset } from './testing';
import { TrainOptionError } from './train-errors';
import { resolveTrainOptions } from './train-options';
import { trainingStages } from './training-stages';

let data: ColourDataset;
beforeAll(async () => {
  data = await makeColourDataset('two-stage-');
});
afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

const HEAD = 'MobilenetV2/Logits';
const LOGITS = 'MobilenetV2/Logits/Conv2d_1c_1x1/weights';
const STEM = 'MobilenetV2/Conv/weights';

const variable = checkpointVariable;

function twoStage(trainDir: string, extra: Record<string, unknown> = {}) {
  return tinyJob(data.datasetDir, trainDir, {
    trainableScopes: HEAD,
    fineTuneAfterSteps: 3,
    maxNumberOfSteps: 6,
    optimizer: 'sgd',
    learningRate: 0.1,
    fineTuneLearningRate: 0.01,
    learningRateDecayType: 'fixed',
    augment: false,
    logEveryNSteps: 1,
    // One thread: the switch is the same on workers, and the test stays quick.
    engineWorkers: 1,
    ...extra,
  });
}

describe('training stages', () => {
  it('two stages - the head alone until the switch, every layer after it at the second learning rate, a checkpoint at the switch', async () => {
    const trainDir = join(data.root, 'two-stage');
    const steps: StepReport[] = [];
    const lines: string[] = [];
    await runTrainingJob(twoStage(trainDir), { onStep: (r) => void steps.push(r), log: { info: (m) => void lines.push(m), warn: (m) => void lines.push(m) } });
    expect((await listCheckpoints(trainDir)).map((c) => c.step)).toEqual([0, 3, 6]);
    const at = (step: number) => join(trainDir, `model.ckpt-${step}`);
    expect(changed(await variable(at(0), LOGITS), await variable(at(3), LOGITS))).toBe(true);
    expect(changed(await variable(at(0), STEM), await variable(at(3), STEM)), 'stage 1 leaves the stem').toBe(false);
    expect(changed(await variable(at(3), STEM), await variable(at(6), STEM)), 'stage 2 trains the stem').toBe(true);
    expect(steps.map((s) => s.learningRate)).toEqual([0.1, 0.1, 0.1, 0.01, 0.01, 0.01]);
    expect(lines.some((l) => l.startsWith('stage 2 from step 3: training every layer at learning rate 0.01'))).toBe(true);
    // --noaugment holds for both stages, and the log says so at the start and at the switch.
    expect(lines.filter((l) => l.endsWith(', un-augmented images'))).toHaveLength(2);
  }, 120_000);

  it('two stages - a job stopped in either stage resumes in that stage and trains on to the last step', async () => {
    for (const stopAt of [2, 4]) {
      const trainDir = join(data.root, `stopped-${stopAt}`);
      const abort = new AbortController();
      await runTrainingJob(twoStage(trainDir, { seed: 7 }), { signal: abort.signal, onStep: (r) => r.step === stopAt && abort.abort() });
      const rates: number[] = [];
      await runTrainingJob(twoStage(trainDir, { seed: 7 }), { onStep: (r) => void rates.push(r.learningRate) });
      expect(rates[0], `resumed after step ${stopAt}`).toBe(stopAt < 3 ? 0.1 : 0.01);
      expect(changed(await variable(join(trainDir, 'model.ckpt-6'), STEM), await variable(join(trainDir, 'model.ckpt-0'), STEM))).toBe(true);
    }
  }, 240_000);

  it('two stages - the second stage starts its optimizer afresh, as the reference\'s second command; a restart at the switch does too', async () => {
    const adam = { optimizer: 'adam' as const, fineTuneLearningRate: 0.0001, learningRate: 0.01 };
    const straight = join(data.root, 'adam-straight');
    await runTrainingJob(twoStage(straight, adam));
    // beta1_power is beta1^(updates + 1): three updates since the switch, not six since the job began.
    const power = async (dir: string) => (await variable(join(dir, 'model.ckpt-6'), 'beta1_power'))[0]!;
    expect(await power(straight)).toBeCloseTo(0.9 ** 4, 6);
    const restarted = join(data.root, 'adam-restarted');
    const abort = new AbortController();
    await runTrainingJob(twoStage(restarted, adam), { signal: abort.signal, onStep: (r) => r.step === 3 && abort.abort() });
    await runTrainingJob(twoStage(restarted, adam));
    expect(await power(restarted)).toBeCloseTo(0.9 ** 4, 6);
  }, 240_000);

  it('two stages - a second stage that cannot happen is refused naming --fine_tune_after_steps', () => {
    const o = (extra: Record<string, unknown>) => resolveTrainOptions({ trainDir: 't', datasetDir: 'd', ...extra });
    expect(trainingStages(o({}))).toHaveLength(1);
    expect(() => trainingStages(o({ fineTuneAfterSteps: 5 }))).toThrow(TrainOptionError);
    expect(() => trainingStages(o({ fineTuneAfterSteps: 5 }))).toThrow(/--fine_tune_after_steps 5: needs --trainable_scopes/);
    expect(() => trainingStages(o({ fineTuneAfterSteps: 5, trainableScopes: HEAD, maxNumberOfSteps: 5 }))).toThrow(/leaves no step for the second stage/);
    // Unset rates: the new head's 0.01, then 0.00003 for the pretrained layers, as --learning_rate's default.
    const head = { modelName: 'mobilenet_v2', checkpointExcludeScopes: HEAD, trainableScopes: HEAD, fineTuneAfterSteps: 5 };
    const [first, second] = trainingStages(o(head));
    expect(first).toMatchObject({ number: 1, trainableScopes: [HEAD], learningRate: 0.01 });
    expect(second).toMatchObject({ number: 2, firstStep: 5, trainableScopes: [], learningRate: 0.00003 });
    expect(trainingStages(o({ ...head, fineTuneLearningRate: 0.002 }))[1]!.learningRate).toBe(0.002);
  });
});
