// Prometheus metrics of training, labelled job_id (Prometheus keeps `job` for the scrape job): what TensorBoard
// showed in the reference, plus input waits.
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { StepReport, TrainingProgress } from '@finetune/engine';

export interface TrainingMetrics {
  step(jobId: string, report: StepReport): void;
  progress(jobId: string, progress: TrainingProgress): void;
}

/** Step times from a small head (milliseconds) to a whole Inception on CPU (a minute). */
const STEP_SECONDS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createTrainingMetrics(registry: Registry, backend: string): TrainingMetrics {
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ['job_id'], registers: [registry] });
  const loss = gauge('finetune_train_loss', 'Total loss of the last step (cross-entropy plus regularisation).');
  const learningRate = gauge('finetune_train_learning_rate', 'Learning rate of the last step, after decay.');
  const globalStep = gauge('finetune_train_global_step', 'Global step reached.');
  const imagesPerSecond = gauge('finetune_train_images_per_second', 'Training images per second over the last reporting interval.');
  const inputWait = gauge('finetune_train_input_wait_ratio', 'Share of the last reporting interval spent waiting for input batches, 0 to 1.');
  const stepSeconds = new Histogram({
    name: 'finetune_train_step_seconds',
    help: 'Wall-clock seconds per training step, input wait included.',
    labelNames: ['job_id'],
    buckets: STEP_SECONDS_BUCKETS,
    registers: [registry],
  });
  new Gauge({ name: 'finetune_backend_info', help: 'The compute backend in use (value 1).', labelNames: ['backend'], registers: [registry] }).set({ backend }, 1);
  return {
    step(job_id, r) {
      loss.set({ job_id }, r.loss);
      learningRate.set({ job_id }, r.learningRate);
      globalStep.set({ job_id }, r.step);
      stepSeconds.observe({ job_id }, r.stepSeconds);
    },
    progress(job_id, p) {
      imagesPerSecond.set({ job_id }, p.imagesPerSec);
      inputWait.set({ job_id }, p.inputWaitRatio);
    },
  };
}
