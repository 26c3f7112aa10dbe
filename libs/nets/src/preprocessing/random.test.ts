// The seeded generator repeats per seed and its integer draws cover their range.
import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from './random';

describe('random', () => {
  it('random - mulberry32 repeats for a seed, differs across seeds and stays in [0, 1)', () => {
    const a = Array.from({ length: 1000 }, mulberry32(42));
    expect(Array.from({ length: 1000 }, mulberry32(42))).toEqual(a);
    expect(Array.from({ length: 1000 }, mulberry32(43))).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
  });

  it('random - randomInt covers both ends of its inclusive range', () => {
    const random = mulberry32(7);
    const seen = new Set(Array.from({ length: 200 }, () => randomInt(random, 256, 260)));
    expect([...seen].sort()).toEqual([256, 257, 258, 259, 260]);
  });
});
