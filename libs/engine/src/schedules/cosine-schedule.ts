// 'cosine': half a cosine from --learning_rate down to --end_learning_rate, as tf.keras's CosineDecay, over the
// training's steps after warmup; a job without --max_number_of_steps decays over num_epochs_per_decay epochs instead.
import { decaySteps } from './decay-steps';
import { COSINE_END_LEARNING_RATE, type LearningRateSchedule, type ScheduleOptions } from './learning-rate-schedule';

export function cosineSchedule(o: ScheduleOptions): LearningRateSchedule {
  const steps = cosineSteps(o);
  const end = o.endLearningRate ?? COSINE_END_LEARNING_RATE;
  return {
    name: 'cosine',
    // Held at the end rate once the decay is over (a resumed job with a larger limit decays over the new span).
    rateAt: (step) => end + (o.learningRate - end) * 0.5 * (1 + Math.cos((Math.PI * Math.min(step, steps)) / steps)),
  };
}

/** Steps the decay spans: what is left of max_number_of_steps after warmup, or decay_steps without a limit. */
function cosineSteps(o: ScheduleOptions): number {
  // getSchedule has checked that warmup ends before max_number_of_steps.
  return o.maxNumberOfSteps === 0 ? decaySteps(o) : o.maxNumberOfSteps - o.warmupSteps;
}
