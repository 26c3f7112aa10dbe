// 'polynomial': tf.train.polynomial_decay(lr, step, decay_steps, end_learning_rate, power=1.0, cycle=False).
import { decaySteps } from './decay-steps';
import { END_LEARNING_RATE, type LearningRateSchedule, type ScheduleOptions } from './learning-rate-schedule';

export function polynomialSchedule(o: ScheduleOptions): LearningRateSchedule {
  const steps = decaySteps(o);
  const end = o.endLearningRate ?? END_LEARNING_RATE;
  return {
    name: 'polynomial',
    // cycle=False: the rate stays at end_learning_rate once decay_steps have passed.
    rateAt: (step) => {
      const done = Math.min(step, steps) / steps;
      return (o.learningRate - end) * (1 - done) ** o.polynomialPower + end;
    },
  };
}
