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
    expect(() => getSchedule('cosine', flowers)).toThrow(UnknownScheduleError);
    expect(() => getSchedule('exponential', { ...flowers, numSamplesPerEpoch: 10, numEpochsPerDecay: 1 })).toThrow(
      /--num_epochs_per_decay=1 .*gives 0 decay steps/,
    );
    expect(() => getSchedule('polynomial', { ...flowers, batchSize: 0 })).toThrow(InvalidScheduleOptionError);
    expect(() => getSchedule('fixed', { ...flowers, learningRate: -1 })).toThrow(/--learning_rate=-1/);
  });
});
