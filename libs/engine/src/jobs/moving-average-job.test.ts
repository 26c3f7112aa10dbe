// --moving_average_decay in a training job: the shadows follow TF's formula from the recorded variables, sit in every
// checkpoint as <var>/ExponentialMovingAverage for what trains, and a resumed job (or a second stage) continues them.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCheckpoint, readCheckpointMeta, readFloat32 } from '@finetune/checkpoint';
import { closeIdleWorkers } from '@finetune/datasets';
import { getNet, isMovingAverageName, movingAverageName } from '@finetune/nets';
import { evaluateCheckpoint } from '../evaluation/evaluate-checkpoint';
import { effectiveDecay } from '../training/exponential-moving-average';
import { runTrainingJob } from './run-training-job';
import { changed, makeColourDataset, tinyJob, type ColourDataset } from './testing';
import { trainingConfigToOptions } from './training-config';
import { pipelineInput, type TrainingBatch, type TrainingInputSource } from './training-input';
import { resolveTrainOptions } from './train-options';

let data: ColourDataset;
beforeAll(async () => {
  data = await makeColourDataset('moving-average-');
});
afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

const DECAY = 0.15;
const HEAD = 'MobilenetV2/Logits';
const STEM = 'MobilenetV2/Conv/weights';

/** Every entry of a checkpoint by name. */
async function entries(prefix: string): Promise<Map<string, Float32Array>> {
  const reader = await openCheckpoint(prefix);
  try {
    const out = new Map<string, Float32Array>();
    for (const { name } of reader.list()) out.set(name, await readFloat32(reader, name));
    return out;
  } finally {
    await reader.close();
  }
}

/** The variables a checkpoint holds averages of. */
function averaged(ckpt: Map<string, Float32Array>): string[] {
  return [...ckpt.keys()].filter(isMovingAverageName).map((n) => n.slice(0, n.lastIndexOf('/'))).sort();
}

/** The tiny net's variable names (what Slim's get_model_variables would list). */
function netVariables(): string[] {
  const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 32, depthMultiplier: 0.35 });
  const names = [...net.variables.keys()].sort();
  net.model.dispose();
  return names;
}

/** Largest |a - b| relative to the largest |b| (at least 1e-6). */
function relativeError(a: Float32Array, b: Float32Array): number {
  const scale = Math.max(1e-6, ...b.map(Math.abs));
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!))) / scale;
}

/** The shadow TF computes after the update from `step`: shadow - (1 - d) * (shadow - variable). */
function expectedShadow(shadow: Float32Array, variable: Float32Array, step: number): Float32Array {
  const rate = 1 - effectiveDecay(DECAY, step);
  return shadow.map((s, i) => s - rate * (s - variable[i]!));
}

/** `before` (a checkpoint) updated once, from `step`, by `after`'s variables, against `after`'s shadows. */
function expectOneUpdate(before: Map<string, Float32Array>, after: Map<string, Float32Array>, names: readonly string[], step: number, start?: Map<string, Float32Array>): void {
  for (const name of names) {
    const shadow = (start ?? before).get(start ? name : movingAverageName(name))!;
    const got = after.get(movingAverageName(name))!;
    expect(relativeError(got, expectedShadow(shadow, after.get(name)!, step)), `${name} after step ${step + 1}`).toBeLessThan(1e-5);
  }
}

/** The first batch of the real pipeline, forever: a resumed job then sees exactly the batches a straight one does. */
const oneBatch: TrainingInputSource = (o) => {
  const inner = pipelineInput(o);
  let first: TrainingBatch | undefined;
  return {
    stats: () => inner.stats(),
    close: () => inner.close(),
    async *[Symbol.asyncIterator]() {
      first ??= (await inner[Symbol.asyncIterator]().next()).value as TrainingBatch;
      for (;;) yield first;
    },
  };
};

describe('moving averages in a job', () => {
  it('moving averages - every variable of a net trained from scratch is averaged; steps 1 and 2 follow the formula from the recorded variables', async () => {
    const trainDir = join(data.root, 'formula');
    const job = (steps: number) => tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps: steps, movingAverageDecay: DECAY, learningRate: 0.05, engineWorkers: 1 });
    await tf.ready();
    const tensors = tf.memory().numTensors;
    await runTrainingJob(job(1));
    await runTrainingJob(job(2));
    expect(tf.memory().numTensors, 'no shadow or copy leaks').toBe(tensors);
    const [c0, c1, c2] = await Promise.all([0, 1, 2].map((s) => entries(join(trainDir, `model.ckpt-${s}`))));
    // From scratch every layer trains and every batch norm updates its moving statistics.
    const names = netVariables();
    expect(names.some((n) => n.endsWith('/moving_mean'))).toBe(true);
    for (const c of [c0, c1, c2]) expect(averaged(c!)).toEqual(names);
    for (const name of names) expect(changed(c0!.get(movingAverageName(name))!, c0!.get(name)!), `${name} starts at its value`).toBe(false);
    expectOneUpdate(c0!, c1!, names, 0);
    expectOneUpdate(c1!, c2!, names, 1);
    // Decay 0.15: d is 0.1 after step 0 ((1 + 0) / (10 + 0)), then the decay itself (below 2/11).
    expect([effectiveDecay(DECAY, 0), effectiveDecay(DECAY, 1)]).toEqual([0.1, DECAY]);
    expect(changed(c2!.get(movingAverageName(STEM))!, c2!.get(STEM)!), 'the average lags the variable').toBe(true);
  }, 120_000);

  it('moving averages - a head-only job (feature cache) averages the head alone; two engine workers average what they train', async () => {
    const head = join(data.root, 'head');
    await runTrainingJob(tinyJob(data.datasetDir, head, { trainableScopes: HEAD, augment: false, maxNumberOfSteps: 1, movingAverageDecay: DECAY }), {
      onStart: (s) => expect(s.featureCache).toBe(true),
    });
    const [h0, h1] = await Promise.all([0, 1].map((s) => entries(join(head, `model.ckpt-${s}`))));
    expect(averaged(h1!)).toEqual([`${HEAD}/Conv2d_1c_1x1/biases`, `${HEAD}/Conv2d_1c_1x1/weights`]);
    expectOneUpdate(h0!, h1!, averaged(h1!), 0);
    // Train, then evaluate: the averages give other numbers than the variables.
    const evaluate = (movingAverageDecay?: number) =>
      evaluateCheckpoint({ checkpointPath: join(head, 'model.ckpt-1'), datasetDir: data.datasetDir, runtime: 'tfjs', engineWorkers: 1, movingAverageDecay });
    const [ofAverages, ofVariables] = await Promise.all([evaluate(DECAY), evaluate()]);
    expect(ofAverages.metrics.loss).not.toBeCloseTo(ofVariables.metrics.loss, 6);

    const parallel = join(data.root, 'parallel');
    await runTrainingJob(tinyJob(data.datasetDir, parallel, { maxNumberOfSteps: 1, movingAverageDecay: DECAY, engineWorkers: 2 }), {
      onStart: (s) => expect(s.engineWorkers).toBe(2),
    });
    const [p0, p1] = await Promise.all([0, 1].map((s) => entries(join(parallel, `model.ckpt-${s}`))));
    expect(averaged(p1!)).toEqual(netVariables());
    expectOneUpdate(p0!, p1!, averaged(p1!), 0);
  }, 120_000);

  it('moving averages - a job resumed at step 2 has the shadows of a 4-step job; without the flag a resumed job drops them', async () => {
    // The resumed job starts from the straight one's step 0, so both begin from the same random weights; the rate is
    // pinned, since unset it differs for a job restored from a checkpoint. Head-only: two runs of a whole net from the same
    // weights already differ by far more than float error, with or without averages.
    const job = (dir: string, steps: number, extra = {}) =>
      tinyJob(data.datasetDir, join(data.root, dir), {
        maxNumberOfSteps: steps,
        movingAverageDecay: DECAY,
        learningRate: 0.05,
        learningRateDecayType: 'fixed',
        trainableScopes: HEAD,
        augment: false,
        engineWorkers: 1,
        ...extra,
      });
    await runTrainingJob(job('straight', 4), { input: oneBatch });
    const start = { checkpointPath: join(data.root, 'straight', 'model.ckpt-0') };
    await runTrainingJob(job('resumed', 2, start), { input: oneBatch });
    await runTrainingJob(job('resumed', 4, start), { input: oneBatch });
    const straight = await entries(join(data.root, 'straight', 'model.ckpt-4'));
    const resumed = await entries(join(data.root, 'resumed', 'model.ckpt-4'));
    expect(averaged(resumed)).toEqual(averaged(straight));
    for (const name of averaged(straight)) {
      expect(relativeError(resumed.get(movingAverageName(name))!, straight.get(movingAverageName(name))!), name).toBeLessThan(1e-4);
    }
    await runTrainingJob(job('resumed', 5, { movingAverageDecay: undefined }), { input: oneBatch });
    expect(averaged(await entries(join(data.root, 'resumed', 'model.ckpt-5')))).toEqual([]);
    // The sidecar says which checkpoints hold averages (what the evaluator's automatic evaluations read).
    expect((await readCheckpointMeta(join(data.root, 'resumed', 'model.ckpt-4')))?.movingAverageDecay).toBe(DECAY);
    expect(await readCheckpointMeta(join(data.root, 'resumed', 'model.ckpt-5'))).not.toHaveProperty('movingAverageDecay');
  }, 180_000);

  it('moving averages - the second stage starts the averages of its new trained variables at their values', async () => {
    const trainDir = join(data.root, 'two-stage');
    await runTrainingJob(
      tinyJob(data.datasetDir, trainDir, {
        trainableScopes: HEAD,
        fineTuneAfterSteps: 1,
        maxNumberOfSteps: 2,
        augment: false,
        learningRate: 0.05,
        fineTuneLearningRate: 0.01,
        movingAverageDecay: DECAY,
        engineWorkers: 1,
      }),
    );
    const [c1, c2] = await Promise.all([1, 2].map((s) => entries(join(trainDir, `model.ckpt-${s}`))));
    expect(averaged(c1!).every((n) => n.startsWith(`${HEAD}/`))).toBe(true);
    expect(averaged(c2!)).toContain(STEM);
    // The stem's shadow starts at its value at the switch (step 1), then takes one update.
    expectOneUpdate(c1!, c2!, [STEM], 1, new Map([[STEM, c1!.get(STEM)!]]));
    expectOneUpdate(c1!, c2!, averaged(c1!), 1);
  }, 120_000);

  it('moving averages - a decay outside (0, 1) is refused naming the flag; the trainer contract carries it', () => {
    const input = tinyJob(data.datasetDir, join(data.root, 'bad'));
    for (const bad of [0, 1, 1.5, -0.1, NaN]) {
      expect(() => resolveTrainOptions({ ...input, movingAverageDecay: bad }), String(bad)).toThrow(/--moving_average_decay .*expected a number in \(0, 1\)/);
    }
    expect(trainingConfigToOptions({ moving_average_decay: 0.9999 } as never).movingAverageDecay).toBe(0.9999);
    expect(resolveTrainOptions(input).movingAverageDecay).toBeUndefined();
  });
});
