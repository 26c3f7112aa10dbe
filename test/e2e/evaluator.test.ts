// The evaluator end to end: real checkpoints, a real nats-server -js, evaluator processes killed and
// started again, checkpoint.saved events published onto JetStream as the trainer publishes them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as tf from '@tensorflow/tfjs';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteCheckpoint, pruneCheckpoints, saveCheckpoint } from '@finetune/checkpoint';
import { loadContracts, type evaluatorV1, type eventsV1 } from '@finetune/contracts';
import { convertImageFolder, type LoadedManifest } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { consumeEvents, createPublisher, type EventPublisher } from '@finetune/events';
import { getNet, movingAverageName, type Net } from '@finetune/nets';
import { REPO_ROOT, startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceProcess } from '@finetune/runtime';
import { promtoolMissing, promtoolProblems } from '@finetune/runtime/testing';

const contracts = loadContracts();
const IMAGE_SIZE = 96;
let dir: string;
let state: string;
let manifest: LoadedManifest;
let nats: NatsServerProcess;
let nc: NatsConnection;
let events: EventPublisher;
let net: Net;
const done: eventsV1.EvaluationDone__Output[] = [];
const watching = new AbortController();
let watcher: Promise<void>;
const evaluators: ServiceProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-evaluator-'));
  state = path.join(dir, 'state');
  await makeImageTree(path.join(dir, 'pic'));
  ({ manifest } = await convertImageFolder({
    trainDir: path.join(dir, 'pic'),
    outputDir: path.join(state, 'datasets', 'flowers'),
    datasetName: 'flowers',
    validationRatio: 0.34,
    trainShards: 1,
    validationShards: 1,
    numThreads: 1,
  }));
  await tf.setBackend('cpu');
  net = getNet('mobilenet_v2').build({ numClasses: 3, imageSize: IMAGE_SIZE, depthMultiplier: 0.35 });
  nats = await startNatsServer({ storeDir: path.join(dir, 'nats') });
  nc = await connect({ servers: nats.url });
  events = await createPublisher(nc);
  watcher = consumeEvents(nc, { durable: 'e2e-watch', event: 'evaluationDone', signal: watching.signal, handle: async (e) => void done.push(e) });
}, 60_000);

afterAll(async () => {
  watching.abort();
  await watcher?.catch(() => undefined);
  await Promise.all(evaluators.map((e) => e.stop()));
  await nc?.drain();
  await nats?.stop();
  net?.model.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function startEvaluator(): Promise<ServiceProcess> {
  return startServiceProcess('evaluator', {
    args: ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', '--metrics-host=127.0.0.1', `--state-dir=${state}`],
    env: { FINETUNE_NATS_URL: nats.url, FINETUNE_BACKEND: 'wasm' },
  }).then((e) => (evaluators.push(e), e));
}

/** Saves the net as step `step` of `job`, as the trainer does, and announces it on JetStream. */
async function saveAndAnnounce(job: string, step: number, announce = true, maxToKeep = 5): Promise<string> {
  const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
  const trainDir = path.join(state, 'train', job);
  const { prefix } = await saveCheckpoint(trainDir, step, variables, { modelName: 'mobilenet_v2', numClasses: 3, labelNames: manifest.classNames }, { maxToKeep });
  if (announce) await publishSaved(job, step, prefix);
  return prefix;
}

function publishSaved(job: string, step: number, prefix: string, id = `${job}:${step}`): Promise<void> {
  return events.publish(
    'checkpointSaved',
    {
      job_id: job,
      train_dir: path.join(state, 'train', job),
      checkpoint: { path_prefix: prefix, step, saved_at: { seconds: Math.floor(Date.now() / 1000) } },
      model_name: 'mobilenet_v2',
      dataset_name: 'flowers',
      dataset_dir: manifest.dir,
      train_image_size: IMAGE_SIZE,
    },
    id,
  );
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stepsOf = (job: string) => done.filter((e) => e.job_id === job).map((e) => Number(e.step)).sort((a, b) => a - b);
const evaluatedLogs = (e: ServiceProcess, job: string) => e.logs.filter((l) => l.msg === 'evaluated' && l.jobId === job);

/** Runs the `finetune` command as a user would; resolves with its exit code and output. */
function finetune(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['services/cli/bin/finetune.js', ...args], { cwd: REPO_ROOT, env: { ...process.env, FINETUNE_BACKEND: 'wasm' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function client(e: ServiceProcess) {
  return new contracts.finetune.evaluator.v1.EvaluatorService(`127.0.0.1:${e.grpcPort}`, grpc.credentials.createInsecure());
}
function call<Req, Res>(fn: (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown, req: Req): Promise<Res> {
  return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(err) : resolve(res!))));
}

describe('evaluator service', () => {
  it('evaluator - three checkpoints saved while it was down are each evaluated exactly once when it returns', async () => {
    const first = await startEvaluator(); // creates the durable consumer, then dies without a goodbye
    first.process.kill('SIGKILL');
    await new Promise((r) => first.process.once('exit', r));

    const prefixes: string[] = [];
    for (const [i, step] of [100, 200, 300].entries()) {
      const bias = [...net.variables].find(([n]) => n.endsWith('Logits/Conv2d_1c_1x1/biases'))![1];
      bias.write(tf.tensor1d([i * 0.5, 0, -i * 0.5]));
      prefixes.push(await saveAndAnnounce('job-a', step));
    }
    await publishSaved('job-a', 200, prefixes[1]!, 'job-a:200:again'); // a second event for the same checkpoint

    const second = await startEvaluator();
    await waitFor('three evaluation.done events', () => stepsOf('job-a').length >= 3);
    await waitFor('the repeated event', () => second.logs.some((l) => l.msg === 'already evaluated' && l.step === 200));
    expect(stepsOf('job-a')).toEqual([100, 200, 300]);
    expect(evaluatedLogs(second, 'job-a').map((l) => l.step)).toEqual([100, 200, 300]);

    const evalDir = path.join(state, 'train', 'job-a', 'eval');
    expect(readdirSync(evalDir).sort()).toEqual(['step-100.json', 'step-200.json', 'step-300.json']);
    const record = JSON.parse(readFileSync(path.join(evalDir, 'step-300.json'), 'utf8'));
    expect(record).toMatchObject({ step: 300, job_id: 'job-a', checkpoint_path: prefixes[2], status: 'evaluated', k: 3, num_examples: manifest.splits.validation!.numImages });
    expect(record.confusion_matrix.size).toBe(3);
    expect(record.per_class).toHaveLength(3);

    const c = client(second);
    const listed = await call<evaluatorV1.ListEvaluationsRequest, evaluatorV1.ListEvaluationsResponse__Output>(c.ListEvaluations.bind(c), { job_id: 'job-a' });
    expect(listed.evaluations.map((e) => [e.step, e.status])).toEqual([
      ['100', 'EVALUATION_STATUS_EVALUATED'],
      ['200', 'EVALUATION_STATUS_EVALUATED'],
      ['300', 'EVALUATION_STATUS_EVALUATED'],
    ]);
    const again = await call<evaluatorV1.EvaluateRequest, evaluatorV1.EvaluateResponse__Output>(c.Evaluate.bind(c), { checkpoint_path: prefixes[2], dataset_dir: manifest.dir, job_id: 'job-a' });
    expect(again.evaluation!.status).toBe('EVALUATION_STATUS_SKIPPED');
    expect(again.evaluation!.skip_reason).toMatch(/already evaluated/);
    expect(again.evaluation!.metrics!.accuracy).toBe(record.accuracy);
    const missing = await call(c.Evaluate.bind(c), { checkpoint_path: path.join(state, 'train', 'job-a', 'model.ckpt-7'), dataset_dir: manifest.dir }).catch((e: grpc.ServiceError) => e);
    expect((missing as grpc.ServiceError).code).toBe(grpc.status.NOT_FOUND);
    // The stored result is of the variables; asked for the moving averages, a checkpoint without them is named.
    const request = { checkpoint_path: prefixes[2], dataset_dir: manifest.dir, job_id: 'job-a', moving_average_decay: 0.9999 };
    const noAverages = await call(c.Evaluate.bind(c), request).catch((e: grpc.ServiceError) => e);
    expect((noAverages as grpc.ServiceError).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((noAverages as grpc.ServiceError).details).toMatch(/model\.ckpt-300 lacks variables of the net: \S+\/ExponentialMovingAverage; it holds no moving averages/);
    c.close();

    const metrics = await (await fetch(`http://127.0.0.1:${second.metricsPort}/metrics`)).text();
    // One series per job, the newest checkpoint's (step 300), restored after the restart.
    expect(metrics).toContain('finetune_eval_step{job_id="job-a",service="evaluator"} 300');
    expect(metrics).toMatch(/finetune_eval_accuracy\{job_id="job-a",service="evaluator"\} [\d.]+/);
    expect(metrics).toMatch(/finetune_eval_recall_at_k\{job_id="job-a",k="3",service="evaluator"\} 1/);
    expect(metrics).toMatch(/finetune_eval_loss\{job_id="job-a",service="evaluator"\} [\d.]+/);
    expect(metrics).not.toMatch(/step="/);
    if (!promtoolMissing()) expect(promtoolProblems(metrics)).toEqual([]);
    expect(metrics).toContain('finetune_backend_info{backend="wasm",service="evaluator"} 1');
  });

  it('evaluator - a checkpoint pruned before its turn is acknowledged and recorded as skipped', async () => {
    const prefix = await saveAndAnnounce('job-p', 5, false);
    await deleteCheckpoint(prefix);
    await publishSaved('job-p', 5, prefix);
    const file = path.join(state, 'train', 'job-p', 'eval', 'step-5.json');
    await waitFor('the skipped record', () => existsSync(file));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ step: 5, status: 'skipped', reason: expect.stringMatching(/deleted/), accuracy: null });
    const jsm = await nc.jetstreamManager();
    await waitFor('the event to be acknowledged', async () => (await jsm.consumers.info('FINETUNE_EVENTS', 'evaluator-checkpointSaved')).num_ack_pending === 0);
    const info = await jsm.consumers.info('FINETUNE_EVENTS', 'evaluator-checkpointSaved');
    expect(info.num_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });

  it('evaluator - two replicas share the events without evaluating any checkpoint twice', async () => {
    // Meanwhile, `finetune eval` asks the service for a stored result with the reference's flags.
    const cli = finetune(['eval', `--checkpoint_path=${path.join(state, 'train', 'job-a')}`, `--dataset_dir=${manifest.dir}`, '--dataset_name=flowers', '--dataset_split_name=validation', '--model_name=mobilenet_v2', `--evaluator-address=127.0.0.1:${evaluators.at(-1)!.grpcPort}`]);
    const [one, two] = [evaluators.at(-1)!, await startEvaluator()];
    // Keep all six until they are evaluated: under load the keep-newest-5 rule could otherwise prune
    // step 1 before its turn (that case has its own test above).
    for (let step = 1; step <= 6; step++) await saveAndAnnounce('job-b', step, true, 10);
    await waitFor('six evaluation.done events', () => stepsOf('job-b').length >= 6, 120_000);
    expect(stepsOf('job-b')).toEqual([1, 2, 3, 4, 5, 6]);
    // A replica's log line travels through its stdout pipe and may trail the event it published.
    await waitFor('six evaluated log lines', () => evaluatedLogs(one, 'job-b').length + evaluatedLogs(two, 'job-b').length >= 6, 30_000);
    const byOne = evaluatedLogs(one, 'job-b').map((l) => Number(l.step));
    const byTwo = evaluatedLogs(two, 'job-b').map((l) => Number(l.step));
    expect([...byOne, ...byTwo].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(byOne.length).toBeGreaterThan(0);
    expect(byTwo.length).toBeGreaterThan(0);
    // Pruning to the newest 5 removes step 1's checkpoint; its result stays.
    await pruneCheckpoints(path.join(state, 'train', 'job-b'), 5);
    expect(existsSync(`${path.join(state, 'train', 'job-b', 'model.ckpt-1')}.index`)).toBe(false);
    expect(readdirSync(path.join(state, 'train', 'job-b', 'eval'))).toHaveLength(6);

    const { code, stdout, stderr } = await cli;
    expect(code, stderr).toBe(0);
    const stored = JSON.parse(readFileSync(path.join(state, 'train', 'job-a', 'eval', 'step-300.json'), 'utf8'));
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`eval/Accuracy[${Number(stored.accuracy.toPrecision(6))}]`);
    expect(lines[1]).toBe('eval/Recall_5[1]');
    expect(stdout).toContain(`model.ckpt-300 (step 300), ${manifest.splits.validation!.numImages} examples; stored result: step 300 was already evaluated`);
  }, 180_000);

  it('evaluator - a checkpoint of a job trained with --moving_average_decay is evaluated on its averages, and the record says so', async () => {
    const evaluator = evaluators.at(-1) ?? (await startEvaluator());
    const variables = [...net.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
    // Averages that favour one class, so their loss differs from the variables'.
    const favour = (v: (typeof variables)[number]) => (v.name.endsWith('Logits/Conv2d_1c_1x1/biases') ? Float32Array.from([4, 0, -4]) : v.values);
    const averages = variables.map((v) => ({ ...v, name: movingAverageName(v.name), values: favour(v) }));
    const trainDir = path.join(state, 'train', 'job-m');
    // As the trainer saves it: the averages beside the variables, the decay in the sidecar.
    const meta = { modelName: 'mobilenet_v2', numClasses: 3, labelNames: manifest.classNames, movingAverageDecay: 0.999 };
    const { prefix } = await saveCheckpoint(trainDir, 10, [...variables, ...averages], meta);
    await publishSaved('job-m', 10, prefix);
    await waitFor('the evaluation of job-m', () => stepsOf('job-m').length >= 1, 60_000);
    const file = path.join(trainDir, 'eval', 'step-10.json');
    const record = JSON.parse(readFileSync(file, 'utf8'));
    expect(record).toMatchObject({ step: 10, job_id: 'job-m', status: 'evaluated', moving_average_decay: 0.999 });

    const c = client(evaluator);
    type Response = evaluatorV1.EvaluateResponse__Output;
    const ask = (extra: Partial<evaluatorV1.EvaluateRequest>) =>
      call<evaluatorV1.EvaluateRequest, Response>(c.Evaluate.bind(c), { checkpoint_path: prefix, dataset_dir: manifest.dir, job_id: 'job-m', ...extra });
    // Asked with the training's flag, the stored result answers; asked without it, the variables are evaluated (as Slim's eval).
    const same = await ask({ moving_average_decay: 0.999 });
    expect(same.evaluation).toMatchObject({ status: 'EVALUATION_STATUS_SKIPPED', moving_average_decay: 0.999 });
    expect(same.evaluation!.metrics!.loss).toBe(record.loss);
    const ofVariables = await ask({});
    expect(ofVariables.evaluation!.status).toBe('EVALUATION_STATUS_EVALUATED');
    expect(ofVariables.evaluation!.moving_average_decay ?? undefined).toBeUndefined();
    expect(Math.abs(ofVariables.evaluation!.metrics!.loss - record.loss)).toBeGreaterThan(1e-3);
    c.close();
  }, 120_000);
});
