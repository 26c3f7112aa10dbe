// --learning_rate_decay_type -> a schedule, as TF-Slim's _configure_learning_rate, plus cosine and a linear warmup
// in front of any of them; one map, one function.
import { cosineSchedule } from './cosine-schedule';
import { exponentialSchedule } from './exponential-schedule';
import { fixedSchedule } from './fixed-schedule';
import { flagName } from '../options/flag-name';
import { describeRange, inRange } from '../options/value-range';
import { defaultScheduleOptions, SCHEDULE_RANGES } from './learning-rate-schedule';
import type { LearningRateSchedule, ScheduleName, ScheduleOptions } from './learning-rate-schedule';
import { withLinearWarmup } from './linear-warmup';
import { polynomialSchedule } from './polynomial-schedule';
import { InvalidScheduleOptionError, UnknownScheduleError } from './schedule-errors';

// In the order --learning_rate_decay_type's help lists them.
const schedules: Record<ScheduleName, (o: ScheduleOptions) => LearningRateSchedule> = {
  fixed: fixedSchedule,
  exponential: exponentialSchedule,
  polynomial: polynomialSchedule,
  cosine: cosineSchedule,
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
  // An explicit undefined (an unset flag) keeps the default.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o: ScheduleOptions = { ...defaultScheduleOptions(), ...given } as ScheduleOptions;
  // num_epochs_per_decay is checked with the decay steps it makes (decaySteps), which fixed never computes.
  for (const key of ['learningRate', 'endLearningRate', 'learningRateDecayFactor'] as const) {
    const value = o[key];
    if (value !== undefined && !inRange(value, SCHEDULE_RANGES[key])) {
      throw new InvalidScheduleOptionError(flagName(key), value, `must be a finite number ${describeRange(SCHEDULE_RANGES[key])}`);
    }
  }
  for (const key of ['warmupSteps', 'maxNumberOfSteps'] as const) {
    if (!(Number.isSafeInteger(o[key]) && o[key] >= 0)) throw new InvalidScheduleOptionError(flagName(key), o[key], 'must be a whole number >= 0');
  }
  if (o.maxNumberOfSteps > 0 && o.warmupSteps >= o.maxNumberOfSteps) {
    throw new InvalidScheduleOptionError('warmup_steps', o.warmupSteps, `must end before --max_number_of_steps ${o.maxNumberOfSteps}; lower it`);
  }
  return withLinearWarmup(make(o), o.learningRate, o.warmupSteps);
}
