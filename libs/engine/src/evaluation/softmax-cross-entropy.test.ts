import { describe, expect, it } from 'vitest';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

describe('evaluation loss', () => {
  it('softmax cross-entropy - -log softmax of the label, by hand', () => {
    const losses = softmaxCrossEntropy([2, 1, 0, /**/ 0, 0, 0, /**/ 1, 0, 5], [0, 2, 1], 3);
    expect(losses[0]).toBeCloseTo(Math.log(1 + Math.exp(-1) + Math.exp(-2)), 12);
    expect(losses[1]).toBeCloseTo(Math.log(3), 12);
    expect(losses[2]).toBeCloseTo(5 + Math.log(1 + Math.exp(-4) + Math.exp(-5)), 12);
  });

  it('softmax cross-entropy - large logits do not overflow', () => {
    const losses = softmaxCrossEntropy([1000, 0, -1000, 1000], [1, 0], 2);
    expect(losses[0]).toBeCloseTo(1000, 9);
    expect(losses[1]).toBeCloseTo(2000, 9);
  });
});
