// --learning_rate_decay_type -> a schedule, as TF-Slim's _configure_learning_rate; one map, one function.
import { exponentialSchedule } from './exponential-schedule';
import { fixedSchedule } from './fixed-schedule';
import { flagName } from '../options/flag-name';
import { describeRange, inRange } from '../options/value-range';
import { defaultScheduleOptions, SCHEDULE_RANGES } from './learning-rate-schedule';
import type { LearningRateSchedule, ScheduleName, ScheduleOptions } from './learning-rate-schedule';
import { polynomialSchedule } from './polynomial-schedule';
import { InvalidScheduleOptionError, UnknownScheduleError } from './schedule-errors';

// In the order --learning_rate_decay_type's help lists them.
const schedules: Record<ScheduleName, (o: ScheduleOptions) => LearningRateSchedule> = {
  fixed: fixedSchedule,
  exponential: exponentialSchedule,
  polynomial: polynomialSchedule,
};

/** The names --learning_rate_decay_type accepts. */
export const SCHEDULE_NAMES = Object.keys(schedules) as ScheduleName[];

/** `numSamplesPerEpoch` and `batchSize` are required by every decaying schedule; `fixed` ignores them. */
export function getSchedule(
  name: string,
  options: Partial<ScheduleOptions> & Pick<ScheduleOptions, 'numSamplesPerEpoch' | 'batchSize'>,
): LearningRateSchedule {
  const make = Object.hasOwn(schedules, name) ? schedules[name as ScheduleName] : undefined;
  if (!make) throw new UnknownScheduleError(name, SCHEDULE_NAMES);
  const o: ScheduleOptions = { ...defaultScheduleOptions(), ...options };
  // num_epochs_per_decay is checked with the decay steps it makes (decaySteps), which fixed never computes.
  for (const key of ['learningRate', 'endLearningRate', 'learningRateDecayFactor'] as const) {
    if (!inRange(o[key], SCHEDULE_RANGES[key])) {
      throw new InvalidScheduleOptionError(flagName(key), o[key], `must be a finite number ${describeRange(SCHEDULE_RANGES[key])}`);
    }
  }
  return make(o);
}
