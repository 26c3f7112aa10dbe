// The train step end to end: the trainer service as a process beside a real nats-server -js, fine-tuning
// MobileNetV2's head on a tiny generated dataset over gRPC; queueing, stopping, and surviving kill -9.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCheckpoints, openCheckpoint, readCheckpointMeta } from '@finetune/checkpoint';
import { loadContracts, type eventsV1, type trainerV1 } from '@finetune/contracts';
import { closeIdleWorkers, convertImageFolder } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { initBackend } from '@finetune/engine';
import { consumeEvents } from '@finetune/events';
import { REPO_ROOT, startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceProcess } from '@finetune/runtime';
import { promtoolMissing, promtoolProblems } from '@finetune/runtime/testing';
import { restoredNet, validationAccuracy } from './restored-checkpoint';

const contracts = loadContracts();
type Client = InstanceType<typeof contracts.finetune.trainer.v1.TrainerService>;
const IMAGE_SIZE = 96;
const HEAD = 'MobilenetV2/Logits';

let dir: string;
let datasetDir: string;
let nats: NatsServerProcess;
let trainer: ServiceProcess;
let client: Client;
let nc: NatsConnection;

async function startTrainer(): Promise<void> {
  trainer = await startServiceProcess('trainer', {
    args: ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', `--state-dir=${path.join(dir, 'state')}`, `--data-root=${dir}`],
    env: { FINETUNE_NATS_URL: nats.url, FINETUNE_BACKEND: 'wasm' },
  });
  client?.close();
  client = new contracts.finetune.trainer.v1.TrainerService(`127.0.0.1:${trainer.grpcPort}`, grpc.credentials.createInsecure());
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-trainer-'));
  // Three classes told apart by colour: learnable in a few dozen steps of a new head.
  await makeImageTree(path.join(dir, 'pic'), {
    blue: { count: 12, format: 'png', rgb: [30, 40, 220], width: 48, height: 48 },
    green: { count: 12, format: 'jpeg', rgb: [30, 200, 40], width: 48, height: 48 },
    red: { count: 12, format: 'png', rgb: [220, 30, 30], width: 48, height: 48 },
  });
  const { manifest } = await convertImageFolder({ trainDir: path.join(dir, 'pic'), outputDir: path.join(dir, 'colours'), datasetName: 'colours', validationRatio: 0.25, trainShards: 2, validationShards: 1, numThreads: 1 });
  datasetDir = manifest.dir;
  nats = await startNatsServer({ storeDir: path.join(dir, 'nats') });
  await startTrainer();
  nc = await connect({ servers: nats.url });
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
}, 120_000);

afterAll(async () => {
  client?.close();
  await nc?.drain();
  await trainer?.stop();
  await nats?.stop();
  await closeIdleWorkers();
  rmSync(dir, { recursive: true, force: true });
});

function unary<Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => method.call(client, request, (err, res) => (err ? reject(err) : resolve(res!))));
}

const start = (config: trainerV1.TrainingConfig) =>
  unary<trainerV1.StartTrainingRequest, trainerV1.StartTrainingResponse__Output>(client.StartTraining, { config }).then((r) => r.job!);
const getJob = (jobId: string) => unary<trainerV1.GetJobRequest, trainerV1.GetJobResponse__Output>(client.GetJob, { job_id: jobId }).then((r) => r.job!);
const stopJob = (jobId: string) => unary<trainerV1.StopJobRequest, trainerV1.StopJobResponse__Output>(client.StopJob, { job_id: jobId }).then((r) => r.job!);

/** Every progress report of a job until the stream ends (after its final state). */
function watch(jobId: string, onProgress?: (p: eventsV1.JobProgress__Output) => void): Promise<eventsV1.JobProgress__Output[]> {
  return new Promise((resolve, reject) => {
    const seen: eventsV1.JobProgress__Output[] = [];
    const call = client.WatchJob({ job_id: jobId });
    call.on('data', (r: trainerV1.WatchJobResponse__Output) => {
      seen.push(r.progress!);
      onProgress?.(r.progress!);
    });
    call.on('error', reject);
    call.on('end', () => resolve(seen));
  });
}

function headJob(trainDir: string, extra: trainerV1.TrainingConfig = {}): trainerV1.TrainingConfig {
  return {
    train_dir: trainDir,
    dataset_dir: datasetDir,
    model_name: 'mobilenet_v2',
    train_image_size: IMAGE_SIZE,
    checkpoint_exclude_scopes: [HEAD],
    trainable_scopes: [HEAD],
    batch_size: 8,
    // Adam with a small epsilon: steady on a fresh head (the reference's opt_epsilon 1.0 makes it plain SGD).
    optimizer: 'OPTIMIZER_ADAM',
    opt_epsilon: 0.001,
    learning_rate: 0.01,
    num_preprocessing_threads: 1,
    ...extra,
  };
}

describe('trainer service', () => {
  it('trainer - fine-tunes a new head on the builtin MobileNetV2 until validation accuracy is well above chance', async () => {
    const trainDir = path.join(dir, 'train-head');
    const job = await start(headJob(trainDir, { max_number_of_steps: 30, log_every_n_steps: 5 }));
    expect(job.state).toBe('JOB_STATE_QUEUED');
    expect(job.config).toMatchObject({ batch_size: 8, weight_decay: 0.00004, save_interval_secs: 600, dataset_split_name: 'train' });
    const progress = await watch(job.job_id);
    const done = await getJob(job.job_id);
    expect(done.failure_reason).toBe('');
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(done.initial_checkpoint).toMatchObject({ path_prefix: 'builtin:mobilenet_v2', step: '0' });
    expect(progress.at(-1)).toMatchObject({ state: 'JOB_STATE_SUCCEEDED', step: '30' });
    expect(progress.filter((p) => p.loss > 0).map((p) => Number(p.step))).toEqual(expect.arrayContaining([5, 10, 15, 20, 25, 30]));
    expect(done.progress!.newest_checkpoint).toMatchObject({ path_prefix: path.join(trainDir, 'model.ckpt-30'), step: '30' });

    const accuracy = await validationAccuracy(path.join(trainDir, 'model.ckpt-30'), datasetDir, IMAGE_SIZE);
    console.log(`trainer e2e: validation accuracy ${accuracy.toFixed(3)} after 30 steps (chance 0.333)`);
    expect(accuracy).toBeGreaterThanOrEqual(0.75);

    const saved: eventsV1.CheckpointSaved__Output[] = [];
    const ac = new AbortController();
    const consuming = consumeEvents(nc, {
      durable: 'e2e-trainer',
      event: 'checkpointSaved',
      signal: ac.signal,
      async handle(e) {
        saved.push(e);
        if (saved.length === 2) ac.abort();
      },
    });
    await consuming;
    expect(saved.map((e) => Number(e.checkpoint!.step))).toEqual([0, 30]);
    expect(saved[1]).toMatchObject({ job_id: job.job_id, model_name: 'mobilenet_v2', dataset_dir: datasetDir, train_image_size: IMAGE_SIZE, train_dir: trainDir });

    const metrics = await (await fetch(`http://127.0.0.1:${trainer.metricsPort}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`finetune_train_global_step\\{[^}]*job_id="${job.job_id}"[^}]*\\} 30`));
    expect(metrics).toMatch(new RegExp(`finetune_train_loss\\{[^}]*job_id="${job.job_id}"`));
    expect(metrics).toMatch(new RegExp(`finetune_train_step_seconds_count\\{[^}]*job_id="${job.job_id}"[^}]*\\} 30`));
    expect(metrics).toMatch(/finetune_train_images_per_second\{[^}]*job_id=/);
    expect(metrics).toMatch(/finetune_train_input_wait_ratio\{[^}]*job_id=/);
    expect(metrics).toMatch(/finetune_backend_info\{[^}]*backend="wasm"[^}]*\} 1/);
    if (!promtoolMissing()) expect(promtoolProblems(metrics)).toEqual([]);
  });

  it('trainer - queues jobs beyond the concurrency, refuses a second job on a busy train dir, and stops with a last checkpoint', async () => {
    const first = await start(headJob(path.join(dir, 'train-a'), { log_every_n_steps: 1 }));
    const second = await start(headJob(path.join(dir, 'train-b')));
    expect(second.state).toBe('JOB_STATE_QUEUED');
    const busy = await start(headJob(path.join(dir, 'train-a'))).catch((e: grpc.ServiceError) => e);
    expect((busy as grpc.ServiceError).code).toBe(grpc.status.ALREADY_EXISTS);
    const badScope = await start(headJob(path.join(dir, 'train-c'), { trainable_scopes: ['MobilenetV2/Logitz'] })).catch((e: grpc.ServiceError) => e);
    expect((badScope as grpc.ServiceError).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((badScope as grpc.ServiceError).details).toMatch(/--trainable_scopes: scope 'MobilenetV2\/Logitz' matches no variable; scopes that exist: /);

    await watch(first.job_id, (p) => void (Number(p.step) >= 2 && stopJob(first.job_id)));
    const stopped = await getJob(first.job_id);
    expect(stopped.state).toBe('JOB_STATE_STOPPED');
    const last = Number(stopped.progress!.newest_checkpoint!.step);
    expect(last).toBeGreaterThanOrEqual(2);
    expect((await listCheckpoints(path.join(dir, 'train-a'))).at(-1)!.step).toBe(last);

    expect((await getJob(second.job_id)).state).toMatch(/QUEUED|RUNNING/);
    expect((await stopJob(second.job_id)).job_id).toBe(second.job_id);
    await watch(second.job_id);
    expect((await getJob(second.job_id)).state).toBe('JOB_STATE_STOPPED');
  });

  it('trainer - finetune train --trainer-address runs the job on the service with the reference flags and follows it', () => {
    const cli = (...flags: string[]) =>
      spawnSync(process.execPath, ['services/cli/bin/finetune.js', 'train', `--trainer-address=127.0.0.1:${trainer.grpcPort}`, ...flags], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    const bad = cli(`--train_dir=${path.join(dir, 'train-cli')}`, `--dataset_dir=${datasetDir}`, '--optimizer=sgdd');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--optimizer "sgdd": expected one of rmsprop, adam, momentum, sgd, adagrad, adadelta, ftrl/);
    const r = cli(
      `--train_dir=${path.join(dir, 'train-cli')}`,
      `--dataset_dir=${datasetDir}`,
      '--model_name=mobilenet_v2',
      `--train_image_size=${IMAGE_SIZE}`,
      `--checkpoint_exclude_scopes=${HEAD}`,
      `--trainable_scopes=${HEAD}`,
      '--max_number_of_steps=4',
      '--batch_size=8',
      '--log_every_n_steps=2',
      '--num_preprocessing_threads=1',
    );
    expect(r.stderr).toMatch(/global step 4: loss = \d+\.\d{4} \(\d+\.\d{3} sec\/step\)/);
    expect(r.stdout).toMatch(/job train-\S+ succeeded at global step 4; newest checkpoint .*model\.ckpt-4/);
    expect(r.status).toBe(0);
  });

  it('trainer - StartTraining takes cosine with warmup, balanced class weights and keep_checkpoint_max; an old manifest is refused naming it', async () => {
    const trainDir = path.join(dir, 'train-knobs');
    const knobs = { learning_rate_decay_type: 'LEARNING_RATE_DECAY_TYPE_COSINE', warmup_steps: 2, class_weights: 'CLASS_WEIGHTS_BALANCED', keep_checkpoint_max: 1 } as const;
    const job = await start(headJob(trainDir, { max_number_of_steps: 4, log_every_n_steps: 1, ...knobs }));
    expect(job.config).toMatchObject(knobs);
    const progress = await watch(job.job_id);
    expect((await getJob(job.job_id)).state).toBe('JOB_STATE_SUCCEEDED');
    // The update at step s uses the rate of s - 1: warmup 0, 0.005, then half a cosine over the 2 steps left.
    const expected = [0, 0.005, 0.01, 0.005];
    const reported = progress.filter((p) => p.loss > 0);
    expect(reported.length).toBeGreaterThan(0);
    for (const p of reported) expect(p.learning_rate, `step ${p.step}`).toBeCloseTo(expected[Number(p.step) - 1]!, 9);
    expect((await listCheckpoints(trainDir)).map((c) => c.step)).toEqual([4]);

    const oldDir = path.join(dir, 'colours-old');
    cpSync(datasetDir, oldDir, { recursive: true });
    const manifestFile = path.join(oldDir, 'manifest.json');
    const json = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const split of Object.values(json.splits) as { numImagesPerClass?: number[] }[]) delete split.numImagesPerClass;
    writeFileSync(manifestFile, JSON.stringify(json));
    const old = await start(headJob(path.join(dir, 'train-old'), { dataset_dir: oldDir, class_weights: 'CLASS_WEIGHTS_BALANCED' })).catch((e: grpc.ServiceError) => e);
    expect((old as grpc.ServiceError).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((old as grpc.ServiceError).details).toContain(`--class_weights "balanced": ${manifestFile} has no per-class counts`);
    expect((old as grpc.ServiceError).details).toMatch(/rebuild it with `finetune prepare -t \S+ --validation-ratio 0.25 -o \S+colours-old/);
  });

  it('trainer - StartTraining with moving_average_decay keeps the head\'s moving averages in its checkpoints; a decay outside (0, 1) names the flag', async () => {
    const trainDir = path.join(dir, 'train-averaged');
    const job = await start(headJob(trainDir, { max_number_of_steps: 2, moving_average_decay: 0.999 }));
    expect(job.config!.moving_average_decay).toBe(0.999);
    await watch(job.job_id);
    expect((await getJob(job.job_id)).state).toBe('JOB_STATE_SUCCEEDED');
    const reader = await openCheckpoint(path.join(trainDir, 'model.ckpt-2'));
    const averaged = reader.list().map((v) => v.name).filter((name) => name.endsWith('/ExponentialMovingAverage'));
    await reader.close();
    expect(averaged.sort()).toEqual([`${HEAD}/Conv2d_1c_1x1/biases/ExponentialMovingAverage`, `${HEAD}/Conv2d_1c_1x1/weights/ExponentialMovingAverage`]);
    // Recorded in the sidecar, so the evaluator's automatic evaluations read the averages.
    expect((await readCheckpointMeta(path.join(trainDir, 'model.ckpt-2')))?.movingAverageDecay).toBe(0.999);
    const bad = await start(headJob(path.join(dir, 'train-bad-average'), { moving_average_decay: 1.5 })).catch((e: grpc.ServiceError) => e);
    expect((bad as grpc.ServiceError).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((bad as grpc.ServiceError).details).toBe('--moving_average_decay 1.5: expected a number in (0, 1)');
  });

  it('trainer - kill -9 mid-run leaves only loadable checkpoints; the job reads FAILED after a restart and a new job resumes', async () => {
    const trainDir = path.join(dir, 'train-killed');
    const job = await start(headJob(trainDir, { save_interval_secs: 1, log_every_n_steps: 1 }));
    // Kill while it trains, once two checkpoints beyond step 0 exist (a save may be under way at that moment).
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        listCheckpoints(trainDir).then((all) => {
          if (all.length >= 3) {
            clearInterval(timer);
            trainer.process.kill('SIGKILL');
            resolve();
          }
        }, reject);
      }, 100);
    });
    await new Promise((resolve) => trainer.process.once('exit', resolve));

    const checkpoints = await listCheckpoints(trainDir);
    expect(checkpoints.length).toBeGreaterThanOrEqual(3);
    for (const c of checkpoints) {
      const net = await restoredNet(c.prefix, 3, IMAGE_SIZE);
      net.model.dispose();
    }
    const newest = Number(checkpoints.at(-1)!.step);

    await startTrainer();
    const interrupted = await getJob(job.job_id);
    expect(interrupted.state).toBe('JOB_STATE_FAILED');
    expect(interrupted.failure_reason).toMatch(/interrupted: .*start a job with the same train_dir .* to resume/);

    const resumed = await start(headJob(trainDir, { max_number_of_steps: newest + 2, checkpoint_path: 'builtin:inception_v3' }));
    await watch(resumed.job_id);
    const done = await getJob(resumed.job_id);
    expect(done.state).toBe('JOB_STATE_SUCCEEDED');
    expect(done.initial_checkpoint).toMatchObject({ step: String(newest), path_prefix: path.join(trainDir, `model.ckpt-${newest}`) });
    expect((await listCheckpoints(trainDir)).at(-1)!.step).toBe(newest + 2);
  });
});
