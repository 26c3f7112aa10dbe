import { describe, expect, it } from 'vitest';
import { createMetricsAccumulator } from './metrics-accumulator';

describe('evaluation metrics accumulator', () => {
  it('metrics accumulator - batches of any size add up to the whole split', () => {
    const logits = [2, 1, 0, /**/ 0, 3, 3, /**/ 1, 0, 5, /**/ 0, 0, 0];
    const labels = [0, 2, 1, 2];
    const whole = createMetricsAccumulator(3, 5);
    whole.add(logits, labels);
    const split = createMetricsAccumulator(3, 5);
    split.add(logits.slice(0, 9), labels.slice(0, 3));
    split.add(logits.slice(9), labels.slice(3)); // the short remainder batch
    const a = whole.result(['daisy', 'roses', 'tulips']);
    expect(split.result(['daisy', 'roses', 'tulips'])).toEqual(a);
    expect(a.accuracy).toBe(0.25);
    expect(a.k).toBe(3); // 5 clamped to 3 classes
    expect(a.recallAtK).toBe(1);
    expect(a.numExamples).toBe(4);
    const byHand = [
      Math.log(1 + Math.exp(-1) + Math.exp(-2)),
      Math.log(2 + Math.exp(-3)),
      5 + Math.log(1 + Math.exp(-4) + Math.exp(-5)),
      Math.log(3),
    ];
    expect(a.loss).toBeCloseTo(byHand.reduce((x, y) => x + y) / 4, 12);
    expect(a.confusionMatrix.counts).toEqual([1, 0, 0, 0, 0, 1, 1, 1, 0]);
    expect(a.perClass.map((c) => c.className)).toEqual(['daisy', 'roses', 'tulips']);
  });

  it('metrics accumulator - the wrong predictions are kept in split order with their ids, label, guess and score', () => {
    const acc = createMetricsAccumulator(3, 5);
    acc.add([2, 1, 0, /**/ 0, 3, 3], [0, 2], ['s:0', 's:1']);
    acc.add([1, 0, 5], [1], ['s:2']);
    const wrong = acc.result().misclassified;
    expect(wrong.map((w) => [w.splitIndex, w.id, w.label, w.predicted, w.score])).toEqual([
      [1, 's:1', 2, 1, 3],
      [2, 's:2', 1, 2, 5],
    ]);
    expect(wrong[0]!.probability).toBeCloseTo(Math.exp(3) / (1 + 2 * Math.exp(3)), 12);
    expect(wrong[1]!.probability).toBeCloseTo(Math.exp(5) / (Math.exp(1) + 1 + Math.exp(5)), 12);
  });

  it('metrics accumulator - recall@1 and accuracy differ on ties, as in the reference', () => {
    const acc = createMetricsAccumulator(2, 1);
    acc.add([4, 4], [1]); // argmax says 0, in_top_k(1) says label 1 is inside
    const r = acc.result();
    expect(r.accuracy).toBe(0);
    expect(r.recallAtK).toBe(1);
  });

  it('metrics accumulator - no examples gives zeros, not NaN', () => {
    const r = createMetricsAccumulator(3, 5).result();
    expect([r.accuracy, r.recallAtK, r.loss, r.numExamples]).toEqual([0, 0, 0, 0]);
    expect(() => createMetricsAccumulator(3, 5).add([1, 2], [0])).toThrowError(/2 logits for 1 labels/);
  });
});
