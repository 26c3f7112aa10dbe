// What a training job reports as it runs (its hooks) and when it ends; the trainer service and the CLI listen.
import type { SplitSummary } from '../training/split-summary';
import type { StepParts } from '../training/training-session';
import type { StartPoint } from './start-point';
import type { TrainOptions } from './train-options';
import type { SavedTrainingCheckpoint } from './training-checkpoint';
import type { TrainingInputSource } from './training-input';

/** Where log lines go; the runtime's Logger fits, and so does a plain line writer. */
export interface JobLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface TrainingStart {
  /** Where the weights came from. */
  startPoint: StartPoint;
  globalStep: number;
  numClasses: number;
  imageSize: number;
  /** Variables trained and the layers split at the frozen/trained boundary. */
  split: SplitSummary;
  /** True when head-only training reuses the frozen part's activations (of one un-augmented view, or of --augmented_views). */
  featureCache: boolean;
  /** Examples per forward/backward pass (in each engine worker). */
  microBatch: number;
  /** Engine workers splitting each batch; 1: the job's own thread computes. */
  engineWorkers: number;
  /** Loss weight of each class (--class_weights balanced); undefined: every example weighs 1. */
  classWeights?: number[];
  /** The options after defaults. */
  options: TrainOptions;
}

export interface StepReport {
  step: number;
  loss: number;
  learningRate: number;
  /** Wall-clock seconds of the step, waiting for input included. */
  stepSeconds: number;
  inputWaitSeconds: number;
  images: number;
  /** Where the trainer's share of the step went, where it can tell (StepResult.parts). */
  parts?: StepParts;
}

export interface TrainingProgress {
  step: number;
  /** 0 when the job has no limit. */
  maxNumberOfSteps: number;
  loss: number;
  learningRate: number;
  /** Over the steps since the previous report. */
  imagesPerSec: number;
  secsPerStep: number;
  inputWaitRatio: number;
  newestCheckpoint?: SavedTrainingCheckpoint;
}

export interface TrainingJobHooks {
  /** Aborting ends the job after its current step with a last checkpoint; the outcome is 'stopped'. */
  signal?: AbortSignal;
  log?: JobLog;
  /** Called once the weights are restored, before step 0 is saved. */
  onStart?(start: TrainingStart): void;
  /** After every step (metrics). */
  onStep?(report: StepReport): void;
  /** Every --log_every_n_steps steps, and once at the end. */
  onProgress?(progress: TrainingProgress): void;
  /** After each checkpoint is complete on disk; awaited, so a publish is ordered with the saves. */
  onCheckpoint?(checkpoint: SavedTrainingCheckpoint): void | Promise<void>;
  /** Names the job in the train dir's lock file. @default 'a training job' */
  owner?: string;
  /** Where batches come from. @default the datasets library's pipeline */
  input?: TrainingInputSource;
}

export interface TrainingJobResult {
  /** 'succeeded': max_number_of_steps reached; 'stopped': the signal was aborted. */
  outcome: 'succeeded' | 'stopped';
  globalStep: number;
  startPoint: StartPoint;
  /** The checkpoint saved last (at globalStep). */
  lastCheckpoint?: SavedTrainingCheckpoint;
  /** Over every step of this run. */
  throughput: { steps: number; imagesPerSec: number; inputWaitRatio: number };
}
