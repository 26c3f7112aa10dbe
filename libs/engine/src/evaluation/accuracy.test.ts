import { describe, expect, it } from 'vitest';
import { accuracy } from './accuracy';
import { top1 } from './top-1';

describe('evaluation accuracy', () => {
  it('accuracy - top-1 takes the first of tied maxima, as tf.argmax', () => {
    expect([...top1([2, 1, 0, 0, 3, 3, 1, 0, 5, 0, 0, 0], 3)]).toEqual([0, 1, 2, 0]);
    expect([...top1([NaN, NaN, -Infinity, 1], 2)]).toEqual([0, 1]);
  });

  it('accuracy - counts predictions equal to their label', () => {
    // Labels 0,2,1,2 against predictions 0,1,2,0: one right of four.
    expect(accuracy([0, 1, 2, 0], [0, 2, 1, 2])).toBe(0.25);
    expect(accuracy([1, 1], [1, 1])).toBe(1);
    expect(accuracy([], [])).toBe(0);
    expect(() => accuracy([1], [1, 2])).toThrowError(/1 predictions for 2 labels/);
  });
});
