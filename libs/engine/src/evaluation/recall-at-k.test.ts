import { describe, expect, it } from 'vitest';
import { inTopK } from './in-top-k';
import { clampK, recallAtK } from './recall-at-k';

// Four examples of three classes; labels 0, 2, 1, 2.
const LOGITS = [2, 1, 0, /**/ 0, 3, 3, /**/ 1, 0, 5, /**/ 0, 0, 0];
const LABELS = [0, 2, 1, 2];

describe('evaluation recall@k', () => {
  it('recallAtK - a label tied with others at the boundary counts as inside, as tf.nn.in_top_k', () => {
    // Row 1: label 2 ties class 1 at the top; row 3: all three tie. Both are in the top 1.
    expect([...inTopK(LOGITS, LABELS, 3, 1)]).toEqual([1, 1, 0, 1]);
    // Row 2: two logits (5 and 1) are above the label's 0, so it needs k = 3.
    expect([...inTopK(LOGITS, LABELS, 3, 2)]).toEqual([1, 1, 0, 1]);
    expect([...inTopK(LOGITS, LABELS, 3, 3)]).toEqual([1, 1, 1, 1]);
    expect(recallAtK(LOGITS, LABELS, 3, 1)).toBe(0.75);
    expect(recallAtK(LOGITS, LABELS, 3, 2)).toBe(0.75);
  });

  it('recallAtK - k above the class count is clamped to it', () => {
    expect(clampK(5, 3)).toBe(3);
    expect(clampK(5, 1001)).toBe(5);
    expect(recallAtK(LOGITS, LABELS, 3, 5)).toBe(1);
    expect(() => clampK(0, 3)).toThrowError(RangeError);
  });

  it('recallAtK - a non-finite logit for the label is never inside', () => {
    expect([...inTopK([NaN, 0, 0, Infinity], [0, 1], 2, 2)]).toEqual([0, 0]);
    expect(recallAtK([], [], 3, 5)).toBe(0);
  });
});
