// --learning_rate_decay_type -> a schedule, as TF-Slim's _configure_learning_rate; one map, one function.
import { exponentialSchedule } from './exponential-schedule';
import { fixedSchedule } from './fixed-schedule';
import { defaultScheduleOptions } from './learning-rate-schedule';
import type { LearningRateSchedule, ScheduleName, ScheduleOptions } from './learning-rate-schedule';
import { polynomialSchedule } from './polynomial-schedule';
import { InvalidScheduleOptionError, UnknownScheduleError } from './schedule-errors';

const schedules: Record<ScheduleName, (o: ScheduleOptions) => LearningRateSchedule> = {
  exponential: exponentialSchedule,
  fixed: fixedSchedule,
  polynomial: polynomialSchedule,
};

export const SCHEDULE_NAMES = Object.keys(schedules) as ScheduleName[];

/** `numSamplesPerEpoch` and `batchSize` are required by every decaying schedule; `fixed` ignores them. */
export function getSchedule(
  name: string,
  options: Partial<ScheduleOptions> & Pick<ScheduleOptions, 'numSamplesPerEpoch' | 'batchSize'>,
): LearningRateSchedule {
  const make = Object.hasOwn(schedules, name) ? schedules[name as ScheduleName] : undefined;
  if (!make) throw new UnknownScheduleError(name, SCHEDULE_NAMES);
  const o: ScheduleOptions = { ...defaultScheduleOptions(), ...options };
  if (!(o.learningRate >= 0) || !Number.isFinite(o.learningRate)) {
    throw new InvalidScheduleOptionError('learning_rate', o.learningRate, 'must be a finite number >= 0');
  }
  if (!(o.endLearningRate >= 0)) throw new InvalidScheduleOptionError('end_learning_rate', o.endLearningRate, 'must be >= 0');
  if (!(o.learningRateDecayFactor > 0)) {
    throw new InvalidScheduleOptionError('learning_rate_decay_factor', o.learningRateDecayFactor, 'must be > 0');
  }
  return make(o);
}
