// What a training job reports: its opening lines; at a log step the reference's log line, the summaries.jsonl line,
// the progress watchers get, each read off the step's result and the interval's throughput.
import type { JobTrainer } from './job-trainer';
import type { TrainOptions } from './train-options';
import type { SavedTrainingCheckpoint } from './training-checkpoint';
import type { TrainingSummary } from './summaries-file';
import type { Throughput } from './throughput-meter';
import type { JobLog, TrainingProgress } from './training-job-hooks';
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

/** The job's opening lines: class weights, what trains and how, moving averages. */
export function logTrainingStart(
  log: JobLog,
  s: {
    trainer: JobTrainer;
    options: TrainOptions;
    /** The stage's augmentation, and the views its feature cache holds. */
    augment: boolean;
    views?: number;
    featureCache: boolean;
    microBatch: number;
    imageSize: number;
    classWeights?: number[];
    labelNames: readonly string[];
  },
): void {
  const { trainer, options: o } = s;
  if (s.classWeights) log.info(`class weights (${o.classWeights}): ${s.classWeights.map((w, i) => `${s.labelNames[i]} ${w.toFixed(3)}`).join(', ')}`);
  const split = trainer.frozenRuntime === 'onnx' ? ', the frozen layers on ONNX Runtime' : trainer.workers > 1 ? `, each batch split over ${trainer.workers} engine workers` : '';
  const images = !s.augment ? 'un-augmented images' : s.views ? `augmented images (${s.views} views cached)` : 'augmented images';
  log.info(`training ${trainer.split.trainedVariables.length} variables in ${trainer.split.trainableLayers.length} layers${split}, ${images}`, {
    frozenLayers: trainer.split.frozenLayers.length,
    featureCache: s.featureCache,
    microBatch: s.microBatch,
    engineWorkers: trainer.workers,
    imageSize: s.imageSize,
  });
  if (o.movingAverageDecay !== undefined) log.info(`keeping moving averages at decay ${o.movingAverageDecay}, saved as <var>/ExponentialMovingAverage`);
}
