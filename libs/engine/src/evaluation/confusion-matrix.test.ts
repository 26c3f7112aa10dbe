import { describe, expect, it } from 'vitest';
import { addToConfusionMatrix, confusionMatrix } from './confusion-matrix';
import { perClassMetrics } from './per-class-metrics';

describe('evaluation confusion matrix', () => {
  it('confusion matrix - counts true label by row and prediction by column', () => {
    const m = confusionMatrix([0, 2, 1, 2], [0, 1, 2, 0], 3);
    expect(m).toEqual({ size: 3, counts: [1, 0, 0, /**/ 0, 0, 1, /**/ 1, 1, 0] });
    addToConfusionMatrix(m, [2], [2]);
    expect(m.counts[8]).toBe(1);
    expect(() => addToConfusionMatrix(m, [3], [0])).toThrowError(/label 3 or prediction 0 is not a class in \[0, 3\)/);
  });

  it('per-class metrics - precision over predictions, recall over examples, 0 where nothing to divide', () => {
    const m = confusionMatrix([0, 2, 1, 2], [0, 1, 2, 0], 3);
    expect(perClassMetrics(m, ['daisy', 'roses', 'tulips'])).toEqual([
      { label: 0, className: 'daisy', precision: 0.5, recall: 1, numExamples: 1 },
      { label: 1, className: 'roses', precision: 0, recall: 0, numExamples: 1 },
      { label: 2, className: 'tulips', precision: 0, recall: 0, numExamples: 2 },
    ]);
    // Class 1 is never predicted and class 2 has no examples.
    const n = { size: 3, counts: [2, 0, 0, /**/ 1, 0, 0, /**/ 0, 0, 0] };
    expect(perClassMetrics(n)).toEqual([
      { label: 0, className: '', precision: 2 / 3, recall: 1, numExamples: 2 },
      { label: 1, className: '', precision: 0, recall: 0, numExamples: 1 },
      { label: 2, className: '', precision: 0, recall: 0, numExamples: 0 },
    ]);
  });
});
