// The evaluator's series: one per job (and k), the newest evaluated checkpoint's, never one per step.
import { evaluatedRecord } from '@finetune/engine';
import { checkpointEvaluation } from '@finetune/engine/testing';
import { createMetrics } from '@finetune/runtime';
import { promtoolMissing, promtoolProblems } from '@finetune/runtime/testing';
import { describe, expect, it } from 'vitest';
import { createEvalGauges } from './eval-gauges';

const missing = promtoolMissing();
const owner = (jobId: string) => ({ jobId, trainDir: `/t/${jobId}` });

function withK(step: number, accuracy: number, k: number) {
  const evaluation = checkpointEvaluation(step, 'validation', accuracy);
  return { ...evaluation, metrics: { ...evaluation.metrics, k } };
}

describe('eval gauges', () => {
  it('eval gauges - each job keeps the series of its newest evaluated step, labelled job_id, without a step label', async () => {
    const metrics = createMetrics('evaluator');
    const gauges = createEvalGauges(metrics.registry);
    expect(gauges.observe(evaluatedRecord(withK(10, 0.5, 2), owner('job-a')))).toBe(true);
    expect(gauges.observe(evaluatedRecord(withK(20, 0.75, 2), owner('job-a')))).toBe(true);
    // An older checkpoint evaluated late does not replace the newer one.
    expect(gauges.observe(evaluatedRecord(withK(5, 0.1, 2), owner('job-a')))).toBe(false);
    expect(gauges.observe(evaluatedRecord(withK(3, 0.25, 2), owner('job-b')))).toBe(true);
    // Other splits would overwrite the validation series.
    expect(gauges.observe(evaluatedRecord(checkpointEvaluation(30, 'train', 0.9), owner('job-a')))).toBe(false);
    const text = await metrics.registry.metrics();
    expect(text).toContain('finetune_eval_accuracy{job_id="job-a",service="evaluator"} 0.75');
    expect(text).toContain('finetune_eval_accuracy{job_id="job-b",service="evaluator"} 0.25');
    expect(text).toContain('finetune_eval_step{job_id="job-a",service="evaluator"} 20');
    expect(text).toContain('finetune_eval_recall_at_k{job_id="job-a",k="2",service="evaluator"} 1');
    expect(text).not.toMatch(/step="/);
    expect(text.match(/^finetune_eval_accuracy\{/gm)).toHaveLength(2);
  });

  it('eval gauges - a newer evaluation with another k replaces the job recall series instead of adding one', async () => {
    const metrics = createMetrics('evaluator');
    const gauges = createEvalGauges(metrics.registry);
    gauges.observe(evaluatedRecord(withK(1, 0.5, 5), owner('job-a')));
    gauges.observe(evaluatedRecord(withK(2, 0.5, 4), owner('job-a')));
    const recall = (await metrics.registry.getSingleMetric('finetune_eval_recall_at_k')!.get()).values;
    expect(recall.map((v) => [v.labels.job_id, v.labels.k])).toEqual([['job-a', '4']]);
  });

  it('eval gauges - a job without a job id is named by its train dir', async () => {
    const metrics = createMetrics('evaluator');
    createEvalGauges(metrics.registry).observe(evaluatedRecord(withK(1, 0.5, 2), { jobId: '', trainDir: '/t/plain' }));
    expect(await metrics.registry.metrics()).toContain('finetune_eval_accuracy{job_id="/t/plain",service="evaluator"} 0.5');
  });

  it.skipIf(missing)('eval gauges - the evaluator exposition passes promtool check metrics', async () => {
    const metrics = createMetrics('evaluator');
    const gauges = createEvalGauges(metrics.registry);
    gauges.backend('wasm');
    gauges.observe(evaluatedRecord(withK(10, 0.5, 2), owner('job-a')));
    expect(promtoolProblems(await metrics.registry.metrics())).toEqual([]);
  });
  if (missing) it.skip(`eval gauges - ${missing}`, () => undefined);
});
