// 'fixed': tf.constant(learning_rate).
import type { LearningRateSchedule, ScheduleOptions } from './learning-rate-schedule';

export function fixedSchedule(o: ScheduleOptions): LearningRateSchedule {
  return { name: 'fixed', rateAt: () => o.learningRate };
}
