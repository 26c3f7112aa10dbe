// No shared volume: the five services (and a second inference replica), each on a folder of its own, a
// real nats-server -js between them. The dataset, the checkpoints and the model move only through
// JetStream's object store (--artifact-store nats): converted, fetched by the trainer, trained, fetched by
// the evaluator and evaluated, fetched by the exporter, exported, fetched by the replicas and served.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, type datasetV1, type evaluatorV1, type exporterV1, type inferenceV1, type trainerV1 } from '@finetune/contracts';
import { makeImageTree } from '@finetune/datasets/testing';
import { startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceName, type ServiceProcess } from '@finetune/runtime';
import { testJpeg, unary } from './serving-fixtures';

const contracts = loadContracts();
const env = { FINETUNE_BACKEND: 'wasm' };

let dir: string;
let server: NatsServerProcess;
const processes: ServiceProcess[] = [];
const clients: grpc.Client[] = [];
/** One machine's own folder: nothing in it is visible to the others. */
const machine = (name: string) => path.join(dir, name);

function start(service: ServiceName, root: string, extra: string[] = []): Promise<ServiceProcess> {
  const args = ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', '--metrics-host=127.0.0.1', `--state-dir=${root}`, '--artifact-store=nats', ...extra];
  return startServiceProcess(service, { args, env: { ...env, FINETUNE_NATS_URL: server.url }, echo: (l) => !l.startsWith('{') && console.error(`${service}: ${l}`) }).then((p) => {
    processes.push(p);
    return p;
  });
}

function client<T extends grpc.Client>(ctor: new (address: string, creds: grpc.ChannelCredentials) => T, port: number): T {
  const c = new ctor(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  clients.push(c);
  return c;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-artifact-store-'));
  server = await startNatsServer({ storeDir: path.join(dir, 'nats') });
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(processes.map((p) => p.stop()));
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('artifact store without a shared volume', () => {
  it('artifact store - a dataset, checkpoints and a model cross six processes on separate folders only through NATS', async () => {
    const ns = contracts.finetune;
    await makeImageTree(path.join(machine('dataset'), 'pic'), {
      blue: { count: 8, format: 'png', rgb: [30, 40, 220], width: 48, height: 48 },
      red: { count: 8, format: 'jpeg', rgb: [220, 30, 30], width: 48, height: 48 },
    });
    const [dataset, trainer, evaluator, exporter, first] = await Promise.all([
      start('dataset', machine('dataset')),
      start('trainer', machine('trainer')),
      start('evaluator', machine('evaluator')),
      start('exporter', machine('exporter')),
      start('inference', machine('inference-1'), ['--poll-interval-secs=0', '--model-workers=0']),
    ]);

    const datasets = client(ns.dataset.v1.DatasetService, dataset.grpcPort);
    let manifest: datasetV1.DatasetManifest__Output | undefined;
    const conversion = datasets.ConvertDataset({ ratio_split: { directory: 'pic', validation_ratio: 0.25, seed: 1 }, dataset_name: 'colours', train_shards: 1, validation_shards: 1, num_threads: 1 });
    for await (const u of conversion as AsyncIterable<datasetV1.ConvertDatasetResponse__Output>) if (u.result) manifest = u.result.manifest!;
    expect(manifest!.classes).toEqual(['blue', 'red']);

    // Relative paths: each service resolves them in its own folder.
    const training = client(ns.trainer.v1.TrainerService, trainer.grpcPort);
    const { job } = await unary<object, trainerV1.StartTrainingResponse__Output>(training, 'StartTraining', {
      config: {
        train_dir: 'train/colours',
        dataset_dir: 'datasets/colours',
        model_name: 'mobilenet_v2',
        checkpoint_path: 'builtin:mobilenet_v2',
        checkpoint_exclude_scopes: ['MobilenetV2/Logits'],
        trainable_scopes: ['MobilenetV2/Logits'],
        max_number_of_steps: 3,
        batch_size: 4,
        train_image_size: 64,
        augment: false,
      },
    });
    for await (const _ of training.WatchJob({ job_id: job!.job_id }) as AsyncIterable<trainerV1.WatchJobResponse__Output>) void _;
    const done = (await unary<object, trainerV1.GetJobResponse__Output>(training, 'GetJob', { job_id: job!.job_id })).job!;
    expect(done.state, done.failure_reason).toBe('JOB_STATE_SUCCEEDED');
    const newestStep = done.progress!.newest_checkpoint!.step;

    // checkpoint.saved names root-relative paths; the evaluator fetches each checkpoint and the dataset.
    const evaluations = client(ns.evaluator.v1.EvaluatorService, evaluator.grpcPort);
    const evaluated = await until('the newest checkpoint evaluated', async () => {
      const list = (await unary<object, evaluatorV1.ListEvaluationsResponse__Output>(evaluations, 'ListEvaluations', { train_dir: 'train/colours' })).evaluations;
      return list.some((e) => e.step === newestStep && e.status === 'EVALUATION_STATUS_EVALUATED') ? list : undefined;
    }, 120_000);
    const newest = evaluated.find((e) => e.step === newestStep)!;
    expect(Number(newest.metrics!.num_examples), newest.skip_reason).toBeGreaterThan(0);

    // Best by accuracy: the exporter ranks the results the evaluator published, then fetches that checkpoint.
    const best = [...evaluated]
      .filter((e) => e.status === 'EVALUATION_STATUS_EVALUATED')
      .sort((a, b) => b.metrics!.accuracy - a.metrics!.accuracy || Number(b.step) - Number(a.step))[0]!;
    const { model } = await unary<Partial<exporterV1.ExportRequest>, exporterV1.ExportResponse__Output>(client(ns.exporter.v1.ExporterService, exporter.grpcPort), 'Export', {
      selector: 'CHECKPOINT_SELECTOR_BEST_ACCURACY',
      train_dir: 'train/colours',
      job_id: job!.job_id,
      model_name: 'mobilenet_v2',
      dataset_dir: 'datasets/colours',
      image_size: 64,
      served_model_name: 'colours',
    });
    expect(model).toMatchObject({ name: 'colours', version: '1', labels: ['blue', 'red'] });
    expect(model!.source_checkpoint!.step).toBe(best.step);

    // The running replica hears model.exported and fetches the version; one started afterwards on an empty
    // folder pulls it at start.
    const image = await testJpeg(48, 1);
    const classify = (port: number) => unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client(ns.inference.v1.InferenceService, port), 'Classify', { image, top_k: 1 });
    const fromFirst = await until('the first replica serves version 1', async () => {
      const r = await classify(first.grpcPort);
      return r.model_version === '1' ? r : undefined;
    });
    const second = await start('inference', machine('inference-2'), ['--poll-interval-secs=0', '--model-workers=0']);
    const fromSecond = await classify(second.grpcPort);
    expect(fromSecond).toMatchObject({ served_model_name: 'colours', model_version: '1' });
    expect(fromSecond.predictions).toEqual(fromFirst.predictions);

    // What each folder holds: only what its service wrote or fetched.
    const shards = (m: string) => readdirSync(path.join(machine(m), 'datasets/colours')).filter((f) => f.endsWith('.tfrecord')).sort();
    expect(shards('trainer')).toEqual(shards('dataset'));
    expect(shards('exporter')).toEqual(shards('dataset'));
    expect(existsSync(path.join(machine('evaluator'), `train/colours/model.ckpt-${newestStep}.index`))).toBe(true);
    expect(existsSync(path.join(machine('exporter'), `train/colours/model.ckpt-${best.step}.index`))).toBe(true);
    expect(existsSync(path.join(machine('exporter'), `train/colours/eval/step-${best.step}.json`))).toBe(true);
    expect(shards('evaluator')).toEqual(shards('dataset'));
    for (const replica of ['inference-1', 'inference-2']) {
      const metadata = JSON.parse(readFileSync(path.join(machine(replica), 'models/colours/1/finetune-model.json'), 'utf8')) as { sha256: string };
      expect(metadata.sha256, replica).toBe(model!.sha256);
      expect(existsSync(path.join(machine(replica), 'train')), replica).toBe(false);
    }
    for (const m of ['dataset', 'trainer']) expect(existsSync(path.join(machine(m), 'models')), m).toBe(false);
    expect(existsSync(path.join(machine('dataset'), 'train'))).toBe(false);
  }, 300_000);
});
