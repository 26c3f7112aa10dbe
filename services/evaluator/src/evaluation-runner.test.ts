import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteCheckpoint, saveCheckpoint } from '@finetune/checkpoint';
import { convertImageFolder, type LoadedManifest } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { CheckpointNotFoundError, initBackend } from '@finetune/engine';
import type { EventPublisher } from '@finetune/events';
import { getNet, movingAverageName } from '@finetune/nets';
import { createLogger } from '@finetune/runtime';
import { createEvalGauges } from './eval-gauges';
import { evaluationMessage } from './evaluation-message';
import { createEvaluationRunner, type EvaluationTask } from './evaluation-runner';
import { createJobIndex } from './job-index';
import { createSerialQueue } from './serial-queue';

let dir: string;
let manifest: LoadedManifest;
let trainDir: string;
const prefixes: string[] = [];
const published: Array<{ event: string; id: string; payload: unknown }> = [];
const events: EventPublisher = { enabled: true, publish: async (event, payload, id) => void published.push({ event, id, payload }) };
const registry = new Registry();
const gauges = createEvalGauges(registry);
const jobs = () => createJobIndex(path.join(dir, 'jobs'));
const runner = () => createEvaluationRunner({ events, gauges, jobs: jobs(), queue: createSerialQueue(), log: createLogger({ service: 'test' }, { level: 'error' }) });

beforeAll(async () => {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'evaluator-runner-'));
  await makeImageTree(path.join(dir, 'pic'));
  ({ manifest } = await convertImageFolder({ trainDir: path.join(dir, 'pic'), outputDir: path.join(dir, 'flowers'), datasetName: 'flowers', validationRatio: 0.34, trainShards: 1, validationShards: 1, numThreads: 1 }));
  const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 96, depthMultiplier: 0.35 });
  trainDir = path.join(dir, 'train', 'job-a');
  const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
  for (const step of [1, 2]) prefixes.push((await saveCheckpoint(trainDir, step, variables, { modelName: 'mobilenet_v2', numClasses: 3, labelNames: manifest.classNames })).prefix);
  net.model.dispose();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const task = (over: Partial<EvaluationTask>): EvaluationTask => ({
  checkpointPath: prefixes[0]!,
  trainDir,
  jobId: 'job-a',
  datasetDir: manifest.dir,
  split: 'validation',
  imageSize: 96,
  batchSize: 4,
  k: 5,
  labelsOffset: 0,
  maxNumBatches: 0,
  reevaluate: false,
  ...over,
});

describe('evaluation runner', () => {
  it('evaluation runner - evaluates a checkpoint once; a repeat or concurrent request gets the stored result', async () => {
    const r = runner();
    const [a, b] = await Promise.all([r.run(task({})), r.run(task({}))]);
    expect([a.fresh, b.fresh].sort()).toEqual([false, true]);
    expect(b.record).toEqual(a.record);
    expect(published.filter((p) => p.event === 'evaluationDone')).toHaveLength(1);
    const again = await r.run(task({}));
    expect(again).toMatchObject({ fresh: false, skipReason: expect.stringMatching(/step 1 was already evaluated/) });
    expect(published).toHaveLength(1);
    // A redelivered event announces the stored result again, under the same id, which JetStream dedupes.
    await r.run(task({ savedStep: 1, redelivered: true }));
    expect(published).toHaveLength(2);
    expect(published[1]!.id).toBe(published[0]!.id);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/finetune_eval_accuracy\{job_id="job-a"\}/);
    expect(metrics).toMatch(/finetune_eval_step\{job_id="job-a"\} 1/);
    expect(metrics).toMatch(/finetune_eval_recall_at_k\{job_id="job-a",k="3"\} 1/);
    expect(await jobs().trainDirOf('job-a')).toBe(trainDir);
  });

  it('evaluation runner - reevaluate computes again and replaces the stored result', async () => {
    const r = runner();
    const before = JSON.parse(await readFile(path.join(trainDir, 'eval', 'step-1.json'), 'utf8'));
    const after = await r.run(task({ reevaluate: true }));
    expect(after.fresh).toBe(true);
    expect(after.record.evaluated_at).not.toBe(before.evaluated_at);
  });

  it('evaluation runner - a stored result of the variables does not answer a request for the moving averages, nor the other way round', async () => {
    const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 96, depthMultiplier: 0.35 });
    const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
    net.model.dispose();
    const averages = variables.map((v) => ({ ...v, name: movingAverageName(v.name), values: v.values.map((x) => x * 0.5) }));
    const averagedDir = path.join(dir, 'train', 'job-b');
    const { prefix } = await saveCheckpoint(averagedDir, 3, [...variables, ...averages], { modelName: 'mobilenet_v2', numClasses: 3, labelNames: manifest.classNames });
    const r = runner();
    const at = (movingAverageDecay?: number) => task({ checkpointPath: prefix, trainDir: averagedDir, jobId: 'job-b', movingAverageDecay });
    const variablesFirst = await r.run(at());
    const averaged = await r.run(at(0.999));
    expect([variablesFirst.fresh, averaged.fresh]).toEqual([true, true]);
    expect(averaged.record).toMatchObject({ status: 'evaluated', moving_average_decay: 0.999 });
    expect(variablesFirst.record).not.toHaveProperty('moving_average_decay');
    expect(evaluationMessage(averaged.record, true, '').moving_average_decay).toBe(0.999);
    expect(evaluationMessage(variablesFirst.record, true, '')).not.toHaveProperty('moving_average_decay');
    expect((await r.run(at(0.999))).fresh).toBe(false);
    expect((await r.run(at())).fresh).toBe(true);
    await expect(r.run(task({ checkpointPath: prefixes[0]!, movingAverageDecay: 0.999, reevaluate: true }))).rejects.toThrow(/model\.ckpt-1 lacks variables of the net: \S+\/ExponentialMovingAverage/);
  });

  it('evaluation runner - an automatic evaluation reads the averages when the sidecar records a decay; a request without the flag reads the variables', async () => {
    const net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: 96, depthMultiplier: 0.35 });
    const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
    net.model.dispose();
    // The head's averaged biases favour one class, so the averages' loss is not the untrained variables' ln 3.
    const favour = (v: (typeof variables)[number]) => (v.name.endsWith('Logits/Conv2d_1c_1x1/biases') ? Float32Array.from([4, 0, -4]) : v.values);
    const averages = variables.map((v) => ({ ...v, name: movingAverageName(v.name), values: favour(v) }));
    const averagedDir = path.join(dir, 'train', 'job-m');
    const meta = { modelName: 'mobilenet_v2', numClasses: 3, labelNames: manifest.classNames, movingAverageDecay: 0.99 };
    const { prefix } = await saveCheckpoint(averagedDir, 4, [...variables, ...averages], meta);
    const r = runner();
    const at = (over: Partial<EvaluationTask>) => task({ checkpointPath: prefix, trainDir: averagedDir, jobId: 'job-m', ...over });
    const automatic = await r.run(at({ automatic: true, savedStep: 4 }));
    expect(automatic).toMatchObject({ fresh: true, record: { status: 'evaluated', moving_average_decay: 0.99 } });
    // The same weights as a request with the flag: the stored result answers it.
    expect((await r.run(at({ movingAverageDecay: 0.99 }))).fresh).toBe(false);
    const ofVariables = await r.run(at({}));
    expect(ofVariables.fresh).toBe(true);
    expect(ofVariables.record).not.toHaveProperty('moving_average_decay');
    if (automatic.record.status !== 'evaluated' || ofVariables.record.status !== 'evaluated') throw new Error('not evaluated');
    expect(automatic.record.loss).not.toBeCloseTo(ofVariables.record.loss, 6);
    // A checkpoint whose sidecar records no decay is evaluated on its variables, automatically too.
    const plain = await r.run(task({ checkpointPath: prefixes[0]!, automatic: true, savedStep: 1, reevaluate: true }));
    expect(plain.record).toMatchObject({ status: 'evaluated' });
    expect(plain.record).not.toHaveProperty('moving_average_decay');
    // Pruned, its redelivered event keeps the stored result of the averages.
    await r.run(at({ automatic: true, savedStep: 4, reevaluate: true }));
    await deleteCheckpoint(prefix);
    const kept = await r.run(at({ automatic: true, savedStep: 4, redelivered: true }));
    expect(kept).toMatchObject({ fresh: false, record: { status: 'evaluated', moving_average_decay: 0.99 } });
  });

  it('evaluation runner - a pruned checkpoint from an event is recorded as skipped; from a request it is NOT_FOUND', async () => {
    await deleteCheckpoint(prefixes[1]!);
    await expect(runner().run(task({ checkpointPath: prefixes[1]! }))).rejects.toThrowError(CheckpointNotFoundError);
    const out = await runner().run(task({ checkpointPath: prefixes[1]!, savedStep: 2 }));
    expect(out.record).toMatchObject({ step: 2, status: 'skipped', reason: expect.stringMatching(/deleted before it could be evaluated/) });
    expect(JSON.parse(await readFile(path.join(trainDir, 'eval', 'step-2.json'), 'utf8')).status).toBe('skipped');
    // A result stored before pruning is kept when the event comes again.
    const kept = await runner().run(task({ checkpointPath: prefixes[0]!, savedStep: 1 }));
    expect(kept.record.status).toBe('evaluated');
  });
});
