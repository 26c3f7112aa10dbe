// The trainer's job manager on a real dataset in a temp dir and a real small net (MobileNet v1 at 0.25, 96 px,
// from scratch, a few steps), publishing to a real nats-server -js.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertImageFolder } from '@finetune/datasets';
import { makeImageTree, tempDir } from '@finetune/datasets/testing';
import { initBackend, resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from '@finetune/engine';
import { startTestEventBus, type TestEventBus } from '@finetune/events/testing';
import { createLogger } from '@finetune/runtime';
import { JobManager, type JobManagerDeps } from './job-manager';
import { timestamp, type JobRecord } from './job-record';
import { createJobStore } from './job-store';
import { createTrainingMetrics } from './training-metrics';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let bus: TestEventBus;
let datasetDir: string;
const lines: string[] = [];
const log = createLogger({}, { level: 'warn', write: (line) => lines.push(line) });
const managers: { manager: JobManager; shutdown: AbortController }[] = [];

beforeAll(async () => {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  tmp = await tempDir('job-manager-');
  bus = await startTestEventBus();
  await makeImageTree(path.join(tmp.dir, 'pic'));
  const { manifest } = await convertImageFolder({ trainDir: path.join(tmp.dir, 'pic'), outputDir: path.join(tmp.dir, 'flowers'), datasetName: 'flowers', validationRatio: 0.34, trainShards: 1, validationShards: 1, numThreads: 1 });
  datasetDir = manifest.dir;
});
afterAll(async () => {
  for (const { manager, shutdown } of managers) {
    shutdown.abort();
    await manager.idle();
  }
  await bus?.stop();
  await tmp?.remove();
});

/** A 0.25-wide MobileNet at 96 px from random weights: a step takes a fraction of a second. */
const job = (trainDir: string, extra: Partial<TrainOptionsInput> = {}): TrainOptions =>
  resolveTrainOptions({
    trainDir: path.join(tmp.dir, trainDir),
    datasetDir,
    modelName: 'mobilenet_v1',
    depthMultiplier: 0.25,
    trainImageSize: 96,
    checkpointPath: 'none',
    batchSize: 4,
    maxNumberOfSteps: 3,
    logEveryNSteps: 1,
    numPreprocessingThreads: 1,
    seed: 1,
    ...extra,
  });

function manager(stateDir: string, over: Partial<JobManagerDeps> = {}): JobManager {
  const shutdown = new AbortController();
  const m = new JobManager({
    store: createJobStore(path.join(tmp.dir, stateDir), log),
    events: bus.publisher,
    metrics: createTrainingMetrics(new Registry(), 'wasm'),
    log,
    maxConcurrentJobs: 1,
    engineWorkers: 1,
    shutdown: shutdown.signal,
    ...over,
  });
  managers.push({ manager: m, shutdown });
  return m;
}

/** Resolves when the job reaches a final state. */
async function ended(m: JobManager, jobId: string): Promise<JobRecord> {
  const final = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_STOPPED'];
  for (let i = 0; i < 1200 && !final.includes(m.get(jobId).state); i++) await new Promise((r) => setTimeout(r, 100));
  await m.idle();
  return m.get(jobId);
}

describe('job manager', () => {
  it('job manager - runs a job to the end: watchers hear its steps, its record is stored, checkpoint.saved and job.progress are published', async () => {
    const m = manager('state-a');
    await m.load();
    const accepted = m.start(job('train-a'), 'job-a');
    expect(accepted.state).toBe('JOB_STATE_QUEUED');
    const heard: string[] = [];
    m.watch('job-a', (p) => heard.push(`${p.state}:${p.step}`));
    const record = await ended(m, 'job-a');
    expect(record.state).toBe('JOB_STATE_SUCCEEDED');
    expect(record.failure_reason).toBe('');
    expect(Number(record.progress.step)).toBe(3);
    expect(Number(record.progress.newest_checkpoint?.step)).toBe(3);
    expect(existsSync(`${record.progress.newest_checkpoint!.path_prefix}.index`)).toBe(true);
    expect(heard).toContain('JOB_STATE_RUNNING:0');
    expect(heard.at(-1)).toBe('JOB_STATE_SUCCEEDED:3');
    const stored = JSON.parse(readFileSync(path.join(tmp.dir, 'state-a', 'job-a.json'), 'utf8')) as JobRecord;
    expect(stored.state).toBe('JOB_STATE_SUCCEEDED');
    expect(stored.config.model_name).toBe('mobilenet_v1');
    const saved = (await bus.published('checkpointSaved')).filter((e) => e.job_id === 'job-a');
    expect(saved.map((e) => Number(e.checkpoint?.step))).toEqual(expect.arrayContaining([0, 3]));
    const progress = (await bus.published('jobProgress')).filter((e) => e.job_id === 'job-a');
    expect(progress.at(-1)?.state).toBe('JOB_STATE_SUCCEEDED');
    expect(m.list({ states: ['JOB_STATE_SUCCEEDED'], trainDir: '' }).map((r) => r.job_id)).toEqual(['job-a']);
    expect(m.list({ states: [], trainDir: path.join(tmp.dir, 'elsewhere') })).toEqual([]);
  });

  it('job manager - one live job per train dir; more jobs than runners queue, and a queued job stops at once', async () => {
    const m = manager('state-b');
    await m.load();
    m.start(job('train-b1', { maxNumberOfSteps: 40 }), 'job-b1');
    expect(() => m.start(job('train-b1'), 'job-b1-again')).toThrowError(expect.objectContaining({ kind: 'already-exists', message: expect.stringMatching(/train_dir .*train-b1 already has a live job job-b1/) }));
    m.start(job('train-b2'), 'job-b2');
    expect(m.get('job-b2').state).toBe('JOB_STATE_QUEUED'); // one runner, busy with job-b1
    expect(m.stop('job-b2').state).toBe('JOB_STATE_STOPPED');
    // A running job stops after its current step, with a checkpoint.
    for (let i = 0; i < 600 && m.get('job-b1').state !== 'JOB_STATE_RUNNING'; i++) await new Promise((r) => setTimeout(r, 100));
    m.stop('job-b1');
    const stopped = await ended(m, 'job-b1');
    expect(stopped.state).toBe('JOB_STATE_STOPPED');
    expect(Number(stopped.progress.step)).toBeLessThan(40);
    expect(stopped.progress.newest_checkpoint?.path_prefix).toMatch(/model\.ckpt-\d+$/);
    expect(m.get('job-b2').state).toBe('JOB_STATE_STOPPED');
    expect(() => m.get('job-nope')).toThrowError(expect.objectContaining({ kind: 'not-found', message: 'no job "job-nope"; ListJobs shows the jobs this trainer knows' }));
  });

  it('job manager - after a restart a job that was running is FAILED naming its newest checkpoint, a queued one runs, a bad stored config fails', async () => {
    const stateDir = path.join(tmp.dir, 'state-c');
    await mkdir(stateDir, { recursive: true });
    const first = manager('state-c-first');
    await first.load();
    first.start(job('train-c1'), 'job-c1');
    const done = await ended(first, 'job-c1');
    const stored = (id: string, state: JobRecord['state'], config = done.config): JobRecord => ({
      ...done,
      job_id: id,
      config,
      state,
      progress: { ...done.progress, job_id: id, state },
      created_at: timestamp(),
      started_at: timestamp(new Date(Date.now() - 3600_000)),
      finished_at: undefined,
    });
    await writeFile(path.join(stateDir, 'job-c1.json'), JSON.stringify(stored('job-c1', 'JOB_STATE_RUNNING')));
    await writeFile(path.join(stateDir, 'job-c2.json'), JSON.stringify(stored('job-c2', 'JOB_STATE_QUEUED', { ...done.config, train_dir: path.join(tmp.dir, 'train-c2') })));
    await writeFile(path.join(stateDir, 'job-c3.json'), JSON.stringify(stored('job-c3', 'JOB_STATE_QUEUED', { ...done.config, optimizer: 'adamw' as never })));
    const m = manager('state-c');
    await m.load();
    const interrupted = m.get('job-c1');
    expect(interrupted.state).toBe('JOB_STATE_FAILED');
    expect(interrupted.failure_reason).toMatch(/^interrupted: the trainer stopped while the job was running \(newest checkpoint .*train-c1\/model\.ckpt-3\)/);
    expect(m.get('job-c3').state).toBe('JOB_STATE_FAILED');
    expect(m.get('job-c3').failure_reason).toMatch(/^its stored config is no longer valid: --optimizer/);
    const resumed = await ended(m, 'job-c2');
    expect(resumed.state).toBe('JOB_STATE_SUCCEEDED');
    expect(existsSync(path.join(tmp.dir, 'train-c2', 'model.ckpt-3.index'))).toBe(true);
  });
});
