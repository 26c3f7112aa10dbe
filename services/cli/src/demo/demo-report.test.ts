import { describe, expect, it } from 'vitest';
import { reportLines, stepsToWaitFor } from './demo-report';

const metrics = (accuracy: number) => ({ accuracy, recall_at_k: 1, k: 4 });

describe('demo report', () => {
  it('demo report - waits for the final step when the events of later checkpoints have not arrived yet', () => {
    // Training is done at step 30 but only step 0's checkpoint.saved has arrived: not done.
    expect(stepsToWaitFor(new Set([0]), 30, new Set([0]))).toEqual([30]);
    expect(stepsToWaitFor(new Set([0, 12, 30]), 30, new Set([0, 30]))).toEqual([12]);
    expect(stepsToWaitFor(new Set([0, 12, 30]), 30, new Set([0, 12, 30]))).toEqual([]);
  });

  it('demo report - lists every step, skipped ones with their reason, validation split only', () => {
    const lines = reportLines([
      { step: '30', metrics: metrics(0.75), skip_reason: '', dataset_split_name: 'validation' },
      { step: '0', metrics: metrics(0.25), skip_reason: '', dataset_split_name: 'validation' },
      { step: '12', metrics: null, skip_reason: 'pruned before its turn came', dataset_split_name: 'validation' },
      { step: '30', metrics: metrics(0.9), skip_reason: '', dataset_split_name: 'train' },
    ]);
    expect(lines).toEqual([
      'step    accuracy  recall@4 (recall@5 clamped to the class count)',
      '0       0.250     1.000',
      '12      skipped   pruned before its turn came',
      '30      0.750     1.000',
    ]);
  });
});
