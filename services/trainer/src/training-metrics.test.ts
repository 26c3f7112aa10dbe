// The trainer's series: labelled job_id (Prometheus keeps `job` for the scrape job) and clean under promtool.
import { createMetrics } from '@finetune/runtime';
import { promtoolMissing, promtoolProblems } from '@finetune/runtime/testing';
import { describe, expect, it } from 'vitest';
import { createTrainingMetrics } from './training-metrics';

const missing = promtoolMissing();

async function exposition(): Promise<string> {
  const metrics = createMetrics('trainer');
  const training = createTrainingMetrics(metrics.registry, 'wasm');
  training.step('job-7', { step: 12, loss: 1.25, learningRate: 0.01, stepSeconds: 0.3, inputWaitSeconds: 0.05, images: 8 });
  training.progress('job-7', { step: 12, maxNumberOfSteps: 100, loss: 1.25, learningRate: 0.01, imagesPerSec: 26.5, secsPerStep: 0.3, inputWaitRatio: 0.15 });
  return metrics.registry.metrics();
}

describe('training metrics', () => {
  it('training metrics - every series names the training job job_id, never job', async () => {
    const text = await exposition();
    expect(text).toContain('finetune_train_loss{job_id="job-7",service="trainer"} 1.25');
    expect(text).toContain('finetune_train_global_step{job_id="job-7",service="trainer"} 12');
    expect(text).toContain('finetune_train_images_per_second{job_id="job-7",service="trainer"} 26.5');
    expect(text).toMatch(/finetune_train_step_seconds_bucket\{le="0\.5",service="trainer",job_id="job-7"\} 1/);
    expect(text).not.toMatch(/[{,]job="/);
  });

  it.skipIf(missing)('training metrics - the trainer exposition passes promtool check metrics', async () => {
    expect(promtoolProblems(await exposition())).toEqual([]);
  });
  if (missing) it.skip(`training metrics - ${missing}`, () => undefined);
});
