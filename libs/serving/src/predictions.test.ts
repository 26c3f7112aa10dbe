import { describe, expect, it } from 'vitest';
import { formatPrediction, resolveTopK, topPredictions } from './predictions';

describe('predictions', () => {
  it('predictions - the top k logits come best first with softmax probabilities', () => {
    const p = topPredictions(new Float32Array([1, 3, 2, 3]), ['a', 'b', 'c', 'd'], 3);
    expect(p.map((x) => x.label)).toEqual(['b', 'd', 'c']);
    const total = Math.exp(1) + 2 * Math.exp(3) + Math.exp(2);
    expect(p[0]!.probability).toBeCloseTo(Math.exp(3) / total, 6);
    expect(p[2]).toMatchObject({ labelIndex: 2, score: 2 });
    // Large logits do not overflow.
    expect(topPredictions(new Float32Array([1000, 999]), ['x', 'y'], 1)[0]!.probability).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
  });

  it('predictions - top_k 0 means 5, is clamped to the classes, and a negative one is invalid', () => {
    expect(resolveTopK(0, 10)).toBe(5);
    expect(resolveTopK(0, 3)).toBe(3);
    expect(resolveTopK(50, 7)).toBe(7);
    expect(() => resolveTopK(-1, 7)).toThrow(/top_k: must be a whole number from 0/);
  });

  it('predictions - a line reads as the reference classify_image.py printed it', () => {
    expect(formatPrediction({ label: 'water', score: 5.468534 })).toBe('water (score = 5.46853)');
    expect(formatPrediction({ label: 'ice', score: -0.5 })).toBe('ice (score = -0.50000)');
  });
});
