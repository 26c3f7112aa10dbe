// 'exponential': tf.train.exponential_decay(lr, step, decay_steps, decay_factor, staircase=True).
import { decaySteps } from './decay-steps';
import type { LearningRateSchedule, ScheduleOptions } from './learning-rate-schedule';

export function exponentialSchedule(o: ScheduleOptions): LearningRateSchedule {
  const steps = decaySteps(o);
  return {
    name: 'exponential',
    // staircase=True: the rate drops once every decay_steps steps, not smoothly.
    rateAt: (step) => o.learningRate * o.learningRateDecayFactor ** Math.floor(step / steps),
  };
}
