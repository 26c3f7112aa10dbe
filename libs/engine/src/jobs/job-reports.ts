// What a training job reports at a log step: the reference's log line, the summaries.jsonl line, the progress
// watchers get. Each is read off the step's result and the interval's throughput.
import type { SavedTrainingCheckpoint } from './training-checkpoint';
import type { TrainingSummary } from './summaries-file';
import type { Throughput } from './throughput-meter';
import type { TrainingProgress } from './training-job-hooks';
import type { StepResult } from '../training/training-session';

/** The reference's log line: `global step 10: loss = 1.2345 (0.510 sec/step)`. */
export function stepLogLine(step: number, loss: number, secsPerStep: number): string {
  return `global step ${step}: loss = ${loss.toFixed(4)} (${secsPerStep.toFixed(3)} sec/step)`;
}

/** The structured fields of the log line, rounded for reading. */
export function stepLogFields(t: Throughput): { imagesPerSec: number; inputWaitRatio: number } {
  return { imagesPerSec: round(t.imagesPerSec), inputWaitRatio: round(t.inputWaitRatio) };
}

/** The summaries.jsonl line of a log step: the step's losses and rate, the interval's throughput. */
export function summaryOf(step: StepResult, t: Throughput): TrainingSummary {
  const { globalStep, loss, crossEntropy, regularization, learningRate } = step;
  return { step: globalStep, loss, crossEntropy, regularization, learningRate, imagesPerSec: t.imagesPerSec, inputWaitRatio: t.inputWaitRatio };
}

/** What WatchJob and the CLI show after a log step. */
export function progressOf(last: StepResult, t: Throughput, maxNumberOfSteps: number, newestCheckpoint: SavedTrainingCheckpoint | undefined): TrainingProgress {
  return {
    step: last.globalStep,
    maxNumberOfSteps,
    loss: last.loss,
    learningRate: last.learningRate,
    imagesPerSec: t.imagesPerSec,
    secsPerStep: t.secsPerStep,
    inputWaitRatio: t.inputWaitRatio,
    newestCheckpoint,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
