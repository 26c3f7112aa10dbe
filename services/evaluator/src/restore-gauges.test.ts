// A restarted evaluator's metrics: the stored evaluations of every indexed job come back as gauge series.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EVAL_DIR_NAME, evaluatedRecord, skippedRecord, writeEvaluationRecord } from '@finetune/engine';
import { checkpointEvaluation } from '@finetune/engine/testing';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvalGauges } from './eval-gauges';
import { createJobIndex } from './job-index';
import { restoreGauges } from './restore-gauges';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('restore gauges', () => {
  it('restore gauges - the newest evaluated validation record of each indexed job is its series again; others are not', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'restore-gauges-'));
    dirs.push(root);
    const jobs = createJobIndex(path.join(root, 'jobs'));
    const trainA = path.join(root, 'train-a');
    const trainB = path.join(root, 'train-b');
    await jobs.remember('job-a', trainA);
    await jobs.remember('job b/2', trainB);
    const owner = { jobId: 'job-a', trainDir: trainA };
    await writeEvaluationRecord(path.join(trainA, EVAL_DIR_NAME), evaluatedRecord(checkpointEvaluation(5, 'validation', 0.25), owner));
    await writeEvaluationRecord(path.join(trainA, EVAL_DIR_NAME), evaluatedRecord(checkpointEvaluation(10, 'validation', 0.75), owner));
    await writeEvaluationRecord(path.join(trainA, EVAL_DIR_NAME), evaluatedRecord(checkpointEvaluation(10, 'train', 0.9), owner));
    await writeEvaluationRecord(path.join(trainA, EVAL_DIR_NAME), skippedRecord({ ...checkpointEvaluation(15), reason: 'pruned before its turn' }, owner));
    // job b's only record is unreadable: a warning, and job a is restored all the same.
    await mkdir(path.join(trainB, EVAL_DIR_NAME), { recursive: true });
    await writeFile(path.join(trainB, EVAL_DIR_NAME, 'step-3.json'), '{ not json');

    const registry = new Registry();
    const warnings: Record<string, unknown>[] = [];
    const restored = await restoreGauges(jobs, createEvalGauges(registry), (_msg, fields) => warnings.push(fields));

    expect(restored).toBe(1);
    const accuracy = (await registry.getSingleMetric('finetune_eval_accuracy')!.get()).values;
    expect(accuracy.map((v) => [v.labels.job_id, v.value])).toEqual([['job-a', 0.75]]);
    const step = (await registry.getSingleMetric('finetune_eval_step')!.get()).values;
    expect(step.map((v) => [v.labels.job_id, v.value])).toEqual([['job-a', 10]]);
    expect(warnings).toEqual([expect.objectContaining({ jobId: 'job b/2', trainDir: trainB })]);
  });

  it('restore gauges - an evaluator that never indexed a job restores nothing', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'restore-gauges-'));
    dirs.push(root);
    expect(await restoreGauges(createJobIndex(path.join(root, 'missing')), createEvalGauges(new Registry()), () => undefined)).toBe(0);
  });
});
