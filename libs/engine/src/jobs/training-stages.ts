// The two-stage recipe as one job: the head first (cheap, from the feature cache), then the deeper layers at a
// lower learning rate, starting from what the head learned. A one-stage job is the same with one stage.
import { stageAugments } from './default-augment';
import { defaultLearningRate } from './default-learning-rate';
import { TrainOptionError } from './train-errors';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule';
import type { TrainOptions } from './train-options';

export interface TrainingStage {
  /** 1 or 2. */
  number: number;
  /** Global step the stage starts at. */
  firstStep: number;
  trainableScopes: string[];
  learningRate: number;
  /** Whether its images are augmented: --augment, or by what the stage trains (stageAugments). */
  augment: boolean;
}

/** The job's stages in order; throws a TrainOptionError for a second stage that cannot happen. */
export function trainingStages(o: TrainOptions): TrainingStage[] {
  const first: TrainingStage = { number: 1, firstStep: 0, trainableScopes: o.trainableScopes, learningRate: o.learningRate, augment: stageAugments(o, o.trainableScopes) };
  const after = o.fineTuneAfterSteps;
  if (after === undefined) return [first];
  if (o.trainableScopes.length === 0) {
    throw new TrainOptionError('fine_tune_after_steps', after, 'needs --trainable_scopes: the scopes of the first stage (e.g. the head), a part of what the second trains');
  }
  if (o.maxNumberOfSteps > 0 && after >= o.maxNumberOfSteps) {
    throw new TrainOptionError('fine_tune_after_steps', after, `leaves no step for the second stage before --max_number_of_steps=${o.maxNumberOfSteps}`);
  }
  return [
    first,
    {
      number: 2,
      firstStep: after,
      trainableScopes: o.fineTuneTrainableScopes,
      learningRate: o.fineTuneLearningRate ?? defaultLearningRate(o, o.fineTuneTrainableScopes),
      augment: stageAugments(o, o.fineTuneTrainableScopes),
    },
  ];
}

/**
 * Whether a job at `step` starts `stage`'s optimizer afresh: a second stage does at its first step, as the
 * reference's second command (a new train dir) does. Carrying the head's slots over would keep adam's bias
 * correction at step N: the new layers' first updates came out several times the learning rate, and the
 * loss jumped from 0.2 to 3.5 at the switch.
 */
export function startsFreshOptimizer(stage: TrainingStage, step: number): boolean {
  return stage.number > 1 && step === stage.firstStep;
}

/**
 * A stage's learning-rate schedule counts from the stage's first step over the steps left to
 * max_number_of_steps, as the reference's second command (a new train dir, step 0) would: a second stage with
 * warmup warms up, and its decay spans the second stage rather than the whole job. These are the options its
 * schedule is built from; `fromStageStart` then shifts it to the job's global steps.
 */
export function scheduleOptions(o: TrainOptions, stage: TrainingStage): TrainOptions {
  return stage.firstStep === 0 ? o : { ...o, maxNumberOfSteps: o.maxNumberOfSteps > 0 ? o.maxNumberOfSteps - stage.firstStep : 0 };
}

/** A schedule built from scheduleOptions, read at the job's global step. */
export function fromStageStart(schedule: LearningRateSchedule, stage: TrainingStage): LearningRateSchedule {
  if (stage.firstStep === 0) return schedule;
  return { name: schedule.name, rateAt: (step) => schedule.rateAt(step - stage.firstStep) };
}

/** The stage a job at `step` is in. */
export function stageAt(stages: readonly TrainingStage[], step: number): TrainingStage {
  return stages.filter((s) => s.firstStep <= step).at(-1)!;
}

/** The job's options as one stage runs them: its scopes, learning rate and augmentation. */
export type StageOptions = TrainOptions & { augment: boolean };

/** What a stage changes in the job's options: the scopes trained, the learning rate and augmentation. */
export function stageOptions(o: TrainOptions, stage: TrainingStage): StageOptions {
  return { ...o, trainableScopes: stage.trainableScopes, learningRate: stage.learningRate, augment: stage.augment };
}
