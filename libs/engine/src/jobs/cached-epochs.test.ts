// A cached head-only job reads and decodes its images in the first epoch only: later epochs step on ids and labels.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeIdleWorkers } from '@finetune/datasets';
import { runTrainingJob } from './run-training-job';
import { makeColourDataset, tinyJob, type ColourDataset } from './testing';
import { pipelineInput, type TrainingBatches, type TrainingInputOptions } from './training-input';

let data: ColourDataset;

beforeAll(async () => {
  data = await makeColourDataset('cached-epochs-');
});

afterAll(async () => {
  await closeIdleWorkers();
  await data?.remove();
});

/** The job's own pipelines (one per stage), kept to read their counters after the job. */
function recordingInput(): {
  input: (o: TrainingInputOptions) => TrainingBatches;
  pipeline: () => TrainingBatches;
  options: () => TrainingInputOptions;
  all: TrainingInputOptions[];
  decodedImages: () => number;
} {
  const pipelines: TrainingBatches[] = [];
  const all: TrainingInputOptions[] = [];
  return {
    input: (o) => {
      all.push(o);
      const p = pipelineInput(o);
      pipelines.push(p);
      return p;
    },
    pipeline: () => pipelines.at(-1)!,
    options: () => all.at(-1)!,
    all,
    decodedImages: () => pipelines.reduce((n, p) => n + (p.stats().decodedImages ?? 0), 0),
  };
}

describe('cached head-only epochs', () => {
  const STEPS = 24;
  const BATCH = 4;

  it('train job - a cached head-only job decodes and reads only its first epoch', async () => {
    const recording = recordingInput();
    const result = await runTrainingJob(
      tinyJob(data.datasetDir, join(data.root, 'cached'), { trainableScopes: 'MobilenetV2/Logits', augment: false, maxNumberOfSteps: STEPS, batchSize: BATCH, engineWorkers: 1 }),
      { input: recording.input },
    );
    expect(result.globalStep).toBe(STEPS);
    expect(recording.options().skipPixels).toBeTypeOf('function');
    const stats = recording.pipeline().stats();
    const trainImages = 18;
    // Six epochs' worth of batches went through; without skipping, every one of their images is read and decoded.
    expect(STEPS * BATCH).toBeGreaterThanOrEqual(5 * trainImages);
    // The first epoch, and the few batches (up to prefetch + 1) formed at its end before their examples were cached.
    expect(stats.decodedImages).toBeLessThanOrEqual(trainImages + 3 * BATCH);
    // Each shard read once; those few batches' records fetched again by scanning their shards (9 records each).
    expect(stats.recordsRead).toBeGreaterThanOrEqual(trainImages);
    expect(stats.recordsRead).toBeLessThanOrEqual(trainImages + 3 * 2 * 9);
  });

  it('train job - with augmentation and --augmented_views=0 nothing is cached, so every epoch is read and decoded', async () => {
    const recording = recordingInput();
    await runTrainingJob(
      tinyJob(data.datasetDir, join(data.root, 'augmented'), {
        trainableScopes: 'MobilenetV2/Logits', augment: true, augmentedViews: 0, maxNumberOfSteps: 12, batchSize: BATCH, engineWorkers: 1,
      }),
      { input: recording.input },
    );
    expect(recording.options().skipPixels).toBeUndefined();
    expect(recording.options().views).toBeUndefined();
    // Prefetch reads ahead of the last step: at least every step's images.
    expect(recording.pipeline().stats().decodedImages).toBeGreaterThanOrEqual(12 * BATCH);
  });

  it('train job - batches formed without pixels before a switch to every layer are decoded for the second stage', async () => {
    const recording = recordingInput();
    const steps: number[] = [];
    const result = await runTrainingJob(
      tinyJob(data.datasetDir, join(data.root, 'two-stage'), {
        trainableScopes: 'MobilenetV2/Logits', fineTuneAfterSteps: 12, maxNumberOfSteps: 16, augment: false, batchSize: BATCH, engineWorkers: 1,
      }),
      { input: recording.input, onStep: (r) => void steps.push(r.step) },
    );
    expect(result.globalStep).toBe(16);
    expect(steps).toHaveLength(16);
    // Stage 1 skipped pixels after its first epoch; stage 2 (no cache) has an input of its own that decodes every step.
    expect(recording.all.map((o) => o.skipPixels !== undefined)).toEqual([true, false]);
    expect(recording.pipeline().stats().decodedImages).toBeGreaterThanOrEqual(4 * BATCH);
    expect(recording.decodedImages()).toBeLessThan(16 * BATCH + 3 * BATCH);
  });

  it('train job - with augmentation a head-only job caches --augmented_views views of each image and decodes only those', async () => {
    const recording = recordingInput();
    const VIEWS = 2;
    const result = await runTrainingJob(
      tinyJob(data.datasetDir, join(data.root, 'views'), {
        trainableScopes: 'MobilenetV2/Logits', augment: true, augmentedViews: VIEWS, maxNumberOfSteps: STEPS, batchSize: BATCH, engineWorkers: 1,
      }),
      { input: recording.input },
    );
    expect(result.globalStep).toBe(STEPS);
    expect(recording.options()).toMatchObject({ augment: true, views: VIEWS });
    const trainImages = 18;
    // Six epochs' worth of batches; only the first VIEWS epochs (and the few batches formed at their ends) are decoded.
    expect(STEPS * BATCH).toBeGreaterThanOrEqual(5 * trainImages);
    expect(recording.decodedImages()).toBeGreaterThanOrEqual(VIEWS * Math.floor(trainImages / BATCH) * BATCH);
    expect(recording.decodedImages()).toBeLessThanOrEqual(VIEWS * trainImages + 3 * BATCH);
  });
});
