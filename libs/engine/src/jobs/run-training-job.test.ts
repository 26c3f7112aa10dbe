// Training jobs end to end in one process: checkpoints, resume, stop, NaN, the three fine-tuning modes, no leaks.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCheckpoints, openCheckpoint, readCheckpointMeta, readFloat32 } from '@finetune/checkpoint';
import { closeIdleWorkers } from '@finetune/datasets';
import { NonFiniteLossError } from '../training/training-errors';
import { runTrainingJob, type TrainingProgress } from './run-training-job';
import { readSummaries } from './summaries-file';
import { changed, checkpointVariable, makeColourDataset, tinyJob, type ColourDataset } from './testing';
import type { TrainingBatches } from './training-input';

let data: ColourDataset;

beforeAll(async () => {
  data = await makeColourDataset();
});

afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

const LOGITS = 'MobilenetV2/Logits/Conv2d_1c_1x1/weights';

const variable = checkpointVariable;


describe('training job', () => {
  it('train job - head-only saves step 0 and the last step with meta, logs the reference lines and leaks no tensors', async () => {
    const trainDir = join(data.root, 'head');
    const lines: string[] = [];
    const progress: TrainingProgress[] = [];
    const saved: number[] = [];
    let featureCache: boolean | undefined;
    await tf.ready();
    const before = tf.memory().numTensors;
    const result = await runTrainingJob(tinyJob(data.datasetDir, trainDir, { trainableScopes: 'MobilenetV2/Logits', augment: false, maxNumberOfSteps: 6 }), {
      log: { info: (m) => lines.push(m), warn: (m) => lines.push(m) },
      onProgress: (p) => progress.push(p),
      onCheckpoint: (c) => void saved.push(c.step),
      onStart: (s) => (featureCache = s.featureCache),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result).toMatchObject({ outcome: 'succeeded', globalStep: 6, startPoint: { kind: 'scratch' } });
    expect(featureCache).toBe(true);
    expect(saved).toEqual([0, 6]);
    expect((await listCheckpoints(trainDir)).map((c) => c.step)).toEqual([0, 6]);
    expect(await readCheckpointMeta(join(trainDir, 'model.ckpt-6'))).toMatchObject({ modelName: 'mobilenet_v2', numClasses: 3, labelNames: ['blue', 'green', 'red'], step: 6 });
    expect(lines.filter((l) => l.startsWith('global step'))).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(/^global step 6: loss = \d+\.\d{4} \(\d+\.\d{3} sec\/step\)$/));
    expect(progress.map((p) => p.step)).toEqual([2, 4, 6]);
    expect(progress[2]!.imagesPerSec).toBeGreaterThan(0);
    expect(await readFile(join(trainDir, 'checkpoint'), 'utf8')).toMatch(/model_checkpoint_path: "model.ckpt-6"/);
    // A summary line every --log_every_n_steps, though --save_summaries_secs (600) never came round: the end flushes.
    const summaries = await readSummaries(trainDir);
    expect(summaries.map((l) => l.step)).toEqual([2, 4, 6]);
    expect(summaries[2]).toMatchObject({ loss: progress[2]!.loss, learningRate: progress[2]!.learningRate, imagesPerSec: progress[2]!.imagesPerSec });
  });

  it('train job - a run on a train dir with checkpoints resumes from the newest, slots and step included, ignoring --checkpoint_path', async () => {
    const trainDir = join(data.root, 'head');
    const result = await runTrainingJob(
      tinyJob(data.datasetDir, trainDir, { trainableScopes: 'MobilenetV2/Logits', augment: false, maxNumberOfSteps: 8, checkpointPath: join(data.root, 'no-such-checkpoint') }),
    );
    expect(result.startPoint).toMatchObject({ kind: 'resume', step: 6, path: join(trainDir, 'model.ckpt-6') });
    expect(result.globalStep).toBe(8);
    expect(result.throughput.steps).toBe(2);
    // Adam's slots (the default optimizer's) continue from the saved ones: they are not re-initialised to zeros.
    const m6 = await variable(join(trainDir, 'model.ckpt-6'), `${LOGITS}/Adam`);
    expect(m6.some((v) => v !== 0)).toBe(true);
    const reader = await openCheckpoint(join(trainDir, 'model.ckpt-8'));
    expect(reader.has(`${LOGITS}/Adam_1`)).toBe(true);
    expect(Number((await reader.read('global_step'))[0])).toBe(8);
    await reader.close();
    expect((await readSummaries(trainDir)).map((l) => l.step)).toEqual([2, 4, 6, 8]);
  });

  it('train job - the three fine-tuning modes train their own variables only', async () => {
    const modes = {
      head: { scopes: 'MobilenetV2/Logits', trained: [LOGITS], frozen: ['MobilenetV2/Conv_1/weights', 'MobilenetV2/Conv/weights'] },
      deeper: {
        scopes: 'MobilenetV2/expanded_conv_16,MobilenetV2/Conv_1,MobilenetV2/Logits',
        trained: [LOGITS, 'MobilenetV2/Conv_1/weights', 'MobilenetV2/expanded_conv_16/project/weights'],
        frozen: ['MobilenetV2/Conv/weights', 'MobilenetV2/expanded_conv_15/project/weights'],
      },
      everything: { scopes: '', trained: [LOGITS, 'MobilenetV2/Conv/weights', 'MobilenetV2/expanded_conv/depthwise/depthwise_weights'], frozen: [] },
    };
    for (const [mode, { scopes, trained, frozen }] of Object.entries(modes)) {
      const trainDir = join(data.root, `mode-${mode}`);
      await runTrainingJob(tinyJob(data.datasetDir, trainDir, { trainableScopes: scopes, maxNumberOfSteps: 2, optimizer: 'sgd', learningRate: 0.1, learningRateDecayType: 'fixed' }));
      for (const name of trained) {
        expect(changed(await variable(join(trainDir, 'model.ckpt-0'), name), await variable(join(trainDir, 'model.ckpt-2'), name)), `${mode}: ${name}`).toBe(true);
      }
      for (const name of frozen) {
        expect(changed(await variable(join(trainDir, 'model.ckpt-0'), name), await variable(join(trainDir, 'model.ckpt-2'), name)), `${mode}: ${name}`).toBe(false);
      }
    }
  });

  it('train job - aborting the signal stops after the current step with a last checkpoint', async () => {
    const trainDir = join(data.root, 'stopped');
    const abort = new AbortController();
    const result = await runTrainingJob(tinyJob(data.datasetDir, trainDir, { trainableScopes: 'MobilenetV2/Logits', maxNumberOfSteps: 0, logEveryNSteps: 1 }), {
      signal: abort.signal,
      onProgress: (p) => p.step === 3 && abort.abort(),
    });
    expect(result).toMatchObject({ outcome: 'stopped', globalStep: 3 });
    expect((await listCheckpoints(trainDir)).map((c) => c.step)).toEqual([0, 3]);
  });

  it('train job - a NaN loss fails the job naming the step, after the checkpoints before it', async () => {
    const trainDir = join(data.root, 'nan');
    let served = 0;
    const input = (): TrainingBatches => ({
      stats: () => ({ waitSeconds: 0 }),
      close: async () => undefined,
      async *[Symbol.asyncIterator]() {
        for (;;) {
          served++;
          const images = new Float32Array(4 * 32 * 32 * 3).fill(served >= 3 ? Number.NaN : 0.5);
          yield { images, labels: Int32Array.from([0, 1, 2, 0]), count: 4, imageSize: 32, ids: ['a', 'b', 'c', 'd'] };
        }
      },
    });
    const failed = runTrainingJob(tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps: 10 }), { input });
    const err = (await failed.catch((e: unknown) => e)) as NonFiniteLossError;
    expect(err).toBeInstanceOf(NonFiniteLossError);
    // Relu can swallow NaN inputs on some backends, so the NaN may surface a step later, through the weights.
    expect(err.step).toBeGreaterThanOrEqual(2);
    expect(err.message).toMatch(new RegExp(`^loss is NaN at step ${err.step}`));
    expect((await listCheckpoints(trainDir)).map((c) => c.step)).toEqual([0]);
  });

  it('train job - two engine workers train the head to the weights one thread reaches', async () => {
    // The second job starts from the first one's step 0, so both begin from the same random weights. The rate is
    // given: unset, it would differ (0.01 for a head from scratch, 0.0001 for one restored from a checkpoint).
    const job = (workers: number, checkpointPath?: string) =>
      tinyJob(data.datasetDir, join(data.root, `workers-${workers}`), {
        trainableScopes: 'MobilenetV2/Logits',
        augment: false,
        maxNumberOfSteps: 3,
        engineWorkers: workers,
        featureRuntime: 'tfjs',
        learningRate: 0.01,
        checkpointPath: checkpointPath ?? 'none',
      });
    const started: number[] = [];
    await runTrainingJob(job(1), { onStart: (s) => void started.push(s.engineWorkers) });
    await runTrainingJob(job(2, join(data.root, 'workers-1', 'model.ckpt-0')), { onStart: (s) => void started.push(s.engineWorkers) });
    expect(started).toEqual([1, 2]);
    const one = await variable(join(data.root, 'workers-1', 'model.ckpt-3'), LOGITS);
    const two = await variable(join(data.root, 'workers-2', 'model.ckpt-3'), LOGITS);
    expect(changed(await variable(join(data.root, 'workers-2', 'model.ckpt-0'), LOGITS), two)).toBe(true);
    // Frozen batch norms run on moving statistics, so the shares' gradients add up to the batch's.
    const scale = Math.max(...one.map(Math.abs));
    expect(Math.max(...one.map((v, i) => Math.abs(v - two[i]!))) / scale).toBeLessThan(1e-4);
  });

  it('train job - a head-only job with its frozen features from ONNX Runtime trains the head to the weights the engine reaches', async () => {
    // Starts from the engine run's step 0 (the test above), so both begin from the same random weights.
    const start = join(data.root, 'workers-1', 'model.ckpt-0');
    const trainDir = join(data.root, 'features-onnx');
    await runTrainingJob(
      tinyJob(data.datasetDir, trainDir, {
        trainableScopes: 'MobilenetV2/Logits',
        augment: false,
        maxNumberOfSteps: 3,
        engineWorkers: 1,
        featureRuntime: 'onnx',
        // As the engine run's: unset, a head restored from a checkpoint would get the pretrained layers' rate.
        learningRate: 0.01,
        checkpointPath: start,
      }),
    );
    const engine = await variable(join(data.root, 'workers-1', 'model.ckpt-3'), LOGITS);
    const onnx = await variable(join(trainDir, 'model.ckpt-3'), LOGITS);
    expect(changed(await variable(start, LOGITS), onnx)).toBe(true);
    const scale = Math.max(...engine.map(Math.abs));
    expect(Math.max(...engine.map((v, i) => Math.abs(v - onnx[i]!))) / scale).toBeLessThan(1e-4);
  });

  it('train job - a checkpoint of one thread, resumed on two workers, is saved back unchanged (variables, slots, step)', async () => {
    const trainDir = join(data.root, 'handover');
    await runTrainingJob(tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps: 2, engineWorkers: 1 }));
    const before = await openCheckpoint(join(trainDir, 'model.ckpt-2'));
    const saved = new Map<string, Float32Array>();
    for (const { name } of before.list()) saved.set(name, await readFloat32(before, name));
    await before.close();
    // Nothing left to train: the resumed job only saves what its workers hold.
    const result = await runTrainingJob(tinyJob(data.datasetDir, trainDir, { maxNumberOfSteps: 2, engineWorkers: 2 }));
    expect(result).toMatchObject({ startPoint: { kind: 'resume', step: 2 }, globalStep: 2 });
    const after = await openCheckpoint(join(trainDir, 'model.ckpt-2'));
    try {
      expect(after.list().map((e) => e.name).sort()).toEqual([...saved.keys()].sort());
      for (const [name, values] of saved) expect(changed(await readFloat32(after, name), values), name).toBe(false);
    } finally {
      await after.close();
    }
  });

  it('train job - a negative --engine_workers is refused naming the flag', async () => {
    await expect(runTrainingJob(tinyJob(data.datasetDir, join(data.root, 'bad-workers'), { engineWorkers: -1 }))).rejects.toThrow(/--engine_workers -1: expected a whole number/);
  });

  it('train job - a scope that matches nothing is refused naming the flag and the scopes that exist', async () => {
    await expect(runTrainingJob(tinyJob(data.datasetDir, join(data.root, 'bad'), { trainableScopes: 'MobilenetV2/Logitz' }))).rejects.toThrow(
      /--trainable_scopes: scope 'MobilenetV2\/Logitz' matches no variable; scopes that exist: MobilenetV2\/Conv, .*MobilenetV2\/Logits/,
    );
  });
});
