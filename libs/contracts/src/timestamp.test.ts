import { describe, expect, it } from 'vitest';
import { toTimestamp } from './timestamp';

describe('timestamp', () => {
  it('timestamp - splits milliseconds into seconds and nanos, from a Date or ISO text', () => {
    expect(toTimestamp(new Date(1_700_000_000_123))).toEqual({ seconds: 1_700_000_000, nanos: 123_000_000 });
    expect(toTimestamp('2026-11-28T00:00:01.500Z')).toEqual({ seconds: Date.parse('2026-11-28T00:00:01Z') / 1000, nanos: 500_000_000 });
  });

  it('timestamp - an absent or unparsable time is undefined', () => {
    expect(toTimestamp(undefined)).toBeUndefined();
    expect(toTimestamp('not a date')).toBeUndefined();
  });
});
