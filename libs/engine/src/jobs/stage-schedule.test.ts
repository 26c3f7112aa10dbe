// A second stage's learning rate counts from the stage's first step, as the reference's second command would:
// its warmup warms up and its decay spans the second stage.
import { describe, expect, it } from 'vitest';
import { getSchedule } from '../schedules/schedules-factory';
import { resolveTrainOptions } from './train-options';
import { fromStageStart, scheduleOptions, trainingStages } from './training-stages';

const job = resolveTrainOptions({
  trainDir: '/t', datasetDir: '/d', modelName: 'mobilenet_v2', checkpointExcludeScopes: 'MobilenetV2/Logits', trainableScopes: 'MobilenetV2/Logits',
  fineTuneAfterSteps: 100, maxNumberOfSteps: 200, learningRateDecayType: 'cosine', warmupSteps: 10, fineTuneLearningRate: 0.001,
});

describe('stage schedules', () => {
  const [first, second] = trainingStages(job);
  const built = (stage: typeof first) => {
    const o = { ...scheduleOptions(job, stage!), learningRate: stage!.learningRate };
    return fromStageStart(getSchedule(o.learningRateDecayType, { ...o, numSamplesPerEpoch: 100, batchSize: o.batchSize }), stage!);
  };

  it('stage schedule - the first stage runs over the whole job from step 0', () => {
    expect(scheduleOptions(job, first!)).toBe(job);
    const s = built(first);
    expect(s.rateAt(0)).toBe(0);
    expect(s.rateAt(10)).toBeCloseTo(0.01, 8);
  });

  it('stage schedule - the second stage warms up from its first step and decays to 0 at max_number_of_steps', () => {
    expect(scheduleOptions(job, second!).maxNumberOfSteps).toBe(100);
    const s = built(second);
    expect(s.rateAt(100)).toBe(0);
    expect(s.rateAt(105)).toBeCloseTo(0.0005, 8);
    expect(s.rateAt(110)).toBeCloseTo(0.001, 8);
    // Half-way through the cosine after warmup: half the rate.
    expect(s.rateAt(155)).toBeCloseTo(0.0005, 6);
    expect(s.rateAt(200)).toBeCloseTo(0, 8);
  });
});
