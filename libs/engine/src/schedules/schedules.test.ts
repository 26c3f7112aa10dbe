// Learning-rate schedules against the values tf.train's decays give for the reference's flags.
import { describe, expect, it } from 'vitest';
import { InvalidScheduleOptionError, UnknownScheduleError } from './schedule-errors';
import { getSchedule, SCHEDULE_NAMES } from './schedules-factory';

// 1000 examples, batch 32, 2 epochs per decay: int(1000 / 32 * 2) = int(62.5) = 62 decay steps.
const flowers = { numSamplesPerEpoch: 1000, batchSize: 32, learningRate: 0.01 };

describe('schedules', () => {
  it('schedules - every schedule starts at --learning_rate and never rises', () => {
    for (const name of SCHEDULE_NAMES) {
      const schedule = getSchedule(name, flowers);
      expect(schedule.name).toBe(name);
      expect(schedule.rateAt(0)).toBeCloseTo(0.01, 12);
      let last = Infinity;
      for (let step = 0; step < 500; step += 7) {
        const rate = schedule.rateAt(step);
        expect(rate).toBeLessThanOrEqual(last);
        last = rate;
      }
    }
  });

  it('schedules - fixed stays at --learning_rate', () => {
    expect(getSchedule('fixed', flowers).rateAt(123456)).toBe(0.01);
  });

  it('schedules - exponential drops by 0.94 every int(samples / batch * epochs) steps (staircase)', () => {
    const schedule = getSchedule('exponential', flowers);
    expect(schedule.rateAt(61)).toBeCloseTo(0.01, 12);
    expect(schedule.rateAt(62)).toBeCloseTo(0.0094, 12);
    expect(schedule.rateAt(123)).toBeCloseTo(0.0094, 12);
    expect(schedule.rateAt(124)).toBeCloseTo(0.01 * 0.94 ** 2, 12);
    expect(schedule.rateAt(620)).toBeCloseTo(0.01 * 0.94 ** 10, 12);
  });

  it('schedules - polynomial falls linearly to --end_learning_rate and stays there (cycle=False)', () => {
    const schedule = getSchedule('polynomial', flowers);
    expect(schedule.rateAt(31)).toBeCloseTo((0.01 - 0.0001) * (1 - 31 / 62) + 0.0001, 12);
    expect(schedule.rateAt(62)).toBeCloseTo(0.0001, 12);
    expect(schedule.rateAt(10_000)).toBeCloseTo(0.0001, 12);
  });

  it('schedules - bad flags fail with the flag named', () => {
    expect(() => getSchedule('cosine_restarts', flowers)).toThrow(UnknownScheduleError);
    expect(() => getSchedule('exponential', { ...flowers, numSamplesPerEpoch: 10, numEpochsPerDecay: 1 })).toThrow(
      /--num_epochs_per_decay=1 .*gives 0 decay steps/,
    );
    expect(() => getSchedule('polynomial', { ...flowers, batchSize: 0 })).toThrow(InvalidScheduleOptionError);
    expect(() => getSchedule('fixed', { ...flowers, learningRate: -1 })).toThrow(/--learning_rate=-1/);
  });

  it('schedules - cosine falls as half a cosine to 0 over max_number_of_steps, then holds', () => {
    const schedule = getSchedule('cosine', { ...flowers, maxNumberOfSteps: 100 });
    expect(schedule.rateAt(25)).toBeCloseTo(0.01 * 0.5 * (1 + Math.cos(Math.PI / 4)), 12);
    expect(schedule.rateAt(50)).toBeCloseTo(0.005, 12);
    expect(schedule.rateAt(100)).toBeCloseTo(0, 12);
    expect(schedule.rateAt(1000)).toBeCloseTo(0, 12);
    const toEnd = getSchedule('cosine', { ...flowers, maxNumberOfSteps: 100, endLearningRate: 0.001 });
    expect(toEnd.rateAt(50)).toBeCloseTo(0.0055, 12);
    expect(toEnd.rateAt(100)).toBeCloseTo(0.001, 12);
  });

  it('schedules - cosine without a step limit decays over num_epochs_per_decay epochs', () => {
    const schedule = getSchedule('cosine', flowers);
    expect(schedule.rateAt(31)).toBeCloseTo(0.005, 12);
    expect(schedule.rateAt(62)).toBeCloseTo(0, 12);
  });

  it('schedules - an unset --end_learning_rate is the reference 0.0001 for polynomial', () => {
    expect(getSchedule('polynomial', { ...flowers, endLearningRate: undefined }).rateAt(62)).toBeCloseTo(0.0001, 12);
  });

  it('schedules - warmup rises linearly from 0, then the decay starts from its own step 0', () => {
    for (const name of SCHEDULE_NAMES) {
      const schedule = getSchedule(name, { ...flowers, warmupSteps: 10, maxNumberOfSteps: 110 });
      expect(schedule.rateAt(0), name).toBe(0);
      expect(schedule.rateAt(5), name).toBeCloseTo(0.005, 12);
      expect(schedule.rateAt(10), name).toBeCloseTo(0.01, 12);
    }
    expect(getSchedule('exponential', { ...flowers, warmupSteps: 10 }).rateAt(10 + 62)).toBeCloseTo(0.0094, 12);
    const cosine = getSchedule('cosine', { ...flowers, warmupSteps: 10, maxNumberOfSteps: 110 });
    expect(cosine.rateAt(60)).toBeCloseTo(0.005, 12);
    expect(cosine.rateAt(110)).toBeCloseTo(0, 12);
    // No warmup is today's schedule, value for value.
    expect(getSchedule('polynomial', { ...flowers, warmupSteps: 0 }).rateAt(31)).toBe(getSchedule('polynomial', flowers).rateAt(31));
  });

  it('schedules - a warmup that does not end before max_number_of_steps fails naming --warmup_steps', () => {
    expect(() => getSchedule('cosine', { ...flowers, warmupSteps: 100, maxNumberOfSteps: 100 })).toThrow(
      '--warmup_steps=100 is invalid: must end before --max_number_of_steps 100; lower it',
    );
    expect(() => getSchedule('fixed', { ...flowers, warmupSteps: -1 })).toThrow(/--warmup_steps=-1 .*whole number >= 0/);
  });
});
