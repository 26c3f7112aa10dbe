// The whole workflow through the five services and a real nats-server -js, as `finetune demo` runs it,
// on a tiny generated dataset: every saved checkpoint is evaluated once, the export is published, and
// the inference service answers with the exported model.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, type datasetV1, type eventsV1, type evaluatorV1, type exporterV1, type inferenceV1, type trainerV1 } from '@finetune/contracts';
import { imageBytes, makeImageTree } from '@finetune/datasets/testing';
import { consumeEvents } from '@finetune/events';
import { SERVICE_NAMES, startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceName, type ServiceProcess } from '@finetune/runtime';

const contracts = loadContracts();
const creds = grpc.credentials.createInsecure();
let dir: string;
let nats: NatsServerProcess;
let nc: NatsConnection;
const services = {} as Record<ServiceName, ServiceProcess>;
const address = (name: ServiceName) => `127.0.0.1:${services[name].grpcPort}`;

function unary<Res>(client: grpc.Client, method: string, request: object): Promise<Res> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (r: object, cb: (e: grpc.ServiceError | null, r?: Res) => void) => void>)[method]!.call(client, request, (err, res) =>
      err ? reject(err) : resolve(res!),
    ),
  );
}

/** Collects one kind of event from the stream, from its beginning, until the test ends. */
function collect<N extends 'checkpointSaved' | 'evaluationDone' | 'modelExported'>(event: N, durable: string, into: unknown[], signal: AbortSignal) {
  void consumeEvents(nc, { durable, event, signal, handle: async (e) => void into.push(e) }).catch(() => undefined);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-pipeline-'));
  await makeImageTree(path.join(dir, 'pic'), {
    blue: { count: 10, format: 'png', rgb: [30, 40, 220], width: 48, height: 48 },
    green: { count: 10, format: 'jpeg', rgb: [30, 200, 40], width: 48, height: 48 },
    red: { count: 10, format: 'png', rgb: [220, 30, 30], width: 48, height: 48 },
  });
  nats = await startNatsServer({ storeDir: path.join(dir, 'nats') });
  nc = await connect({ servers: nats.url });
  for (const name of SERVICE_NAMES) {
    services[name] = await startServiceProcess(name, {
      args: ['--grpc-host=127.0.0.1', '--grpc-port=0', '--metrics-port=0'],
      env: { FINETUNE_NATS_URL: nats.url, FINETUNE_STATE_DIR: path.join(dir, 'state'), FINETUNE_DATA_ROOT: dir, FINETUNE_BACKEND: 'wasm', FINETUNE_LOG_LEVEL: 'warn' },
    });
  }
}, 180_000);

afterAll(async () => {
  await nc?.drain().catch(() => undefined);
  await Promise.all(Object.values(services).map((s) => s.stop()));
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('pipeline', () => {
  it('pipeline - prepare, train, evaluate every checkpoint once, export, serve', async () => {
    const ns = contracts.finetune;
    const stop = new AbortController();
    const saved: eventsV1.CheckpointSaved__Output[] = [];
    const evaluated: eventsV1.EvaluationDone__Output[] = [];
    const exported: eventsV1.ModelExported__Output[] = [];
    collect('checkpointSaved', 'pipeline-test', saved, stop.signal);
    collect('evaluationDone', 'pipeline-test', evaluated, stop.signal);
    collect('modelExported', 'pipeline-test', exported, stop.signal);

    const dataset = new ns.dataset.v1.DatasetService(address('dataset'), creds);
    let manifest: datasetV1.DatasetManifest__Output | undefined;
    const conversion = dataset.ConvertDataset({ ratio_split: { directory: path.join(dir, 'pic'), validation_ratio: 0.3, seed: 1 }, dataset_name: 'colours', train_shards: 1, validation_shards: 1, num_threads: 1 });
    for await (const u of conversion as AsyncIterable<datasetV1.ConvertDatasetResponse__Output>) if (u.result) manifest = u.result.manifest!;
    dataset.close();
    expect(manifest!.classes).toEqual(['blue', 'green', 'red']);

    const trainer = new ns.trainer.v1.TrainerService(address('trainer'), creds);
    const trainDir = path.join(dir, 'state', 'train', 'colours');
    const { job } = await unary<trainerV1.StartTrainingResponse__Output>(trainer, 'StartTraining', {
      config: {
        train_dir: trainDir,
        dataset_dir: manifest!.directory,
        model_name: 'mobilenet_v2',
        checkpoint_path: 'builtin:mobilenet_v2',
        checkpoint_exclude_scopes: ['MobilenetV2/Logits'],
        trainable_scopes: ['MobilenetV2/Logits'],
        max_number_of_steps: 12,
        batch_size: 8,
        train_image_size: 96,
        optimizer: 'OPTIMIZER_ADAM',
        learning_rate: 0.01,
        opt_epsilon: 0.001,
        augment: false,
        save_interval_secs: 1,
      },
    });
    const jobId = job!.job_id;
    for await (const _ of trainer.WatchJob({ job_id: jobId }) as AsyncIterable<trainerV1.WatchJobResponse__Output>) void _;
    const done = await unary<trainerV1.GetJobResponse__Output>(trainer, 'GetJob', { job_id: jobId });
    trainer.close();
    expect(done.job!.state).toBe('JOB_STATE_SUCCEEDED');

    // Every checkpoint the trainer saved is evaluated by the evaluator on its own, exactly once.
    const savedSteps = () => saved.filter((e) => e.job_id === jobId).map((e) => Number(e.checkpoint!.step));
    const evaluatedSteps = () => evaluated.filter((e) => e.job_id === jobId).map((e) => Number(e.step));
    const deadline = Date.now() + 120_000;
    while (savedSteps().some((s) => !evaluatedSteps().includes(s)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(savedSteps().length).toBeGreaterThanOrEqual(2); // step 0 and the last at least
    expect(savedSteps()).toContain(12);
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would have arrived by now
    expect(evaluatedSteps().sort((a, b) => a - b)).toEqual(savedSteps().sort((a, b) => a - b));
    const evaluator = new ns.evaluator.v1.EvaluatorService(address('evaluator'), creds);
    const history = await unary<evaluatorV1.ListEvaluationsResponse__Output>(evaluator, 'ListEvaluations', { job_id: jobId });
    evaluator.close();
    expect(history.evaluations.map((e) => Number(e.step)).sort((a, b) => a - b)).toEqual(savedSteps().sort((a, b) => a - b));

    const exporter = new ns.exporter.v1.ExporterService(address('exporter'), creds);
    const { model } = await unary<exporterV1.ExportResponse__Output>(exporter, 'Export', {
      train_dir: trainDir,
      job_id: jobId,
      selector: 'CHECKPOINT_SELECTOR_BEST_ACCURACY',
      model_name: 'mobilenet_v2',
      dataset_dir: manifest!.directory,
      served_model_name: 'colours',
    });
    exporter.close();
    const best = Math.max(...history.evaluations.map((e) => e.metrics?.accuracy ?? 0));
    expect(model!.metrics!.accuracy).toBe(best);
    while (!exported.some((e) => e.name === 'colours') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(exported.find((e) => e.name === 'colours')).toMatchObject({ version: model!.version });

    // The inference service loads the new version on model.exported and answers with it.
    const inference = new ns.inference.v1.InferenceService(address('inference'), creds);
    let answer: inferenceV1.ClassifyResponse__Output | undefined;
    while (!answer && Date.now() < deadline) {
      answer = await unary<inferenceV1.ClassifyResponse__Output>(inference, 'Classify', { image: await imageBytes('png', [220, 30, 30], 48, 48), top_k: 3 }).catch(() => undefined);
      if (!answer) await new Promise((r) => setTimeout(r, 500));
    }
    inference.close();
    stop.abort();
    expect(answer!.served_model_name).toBe('colours');
    expect(answer!.model_version).toBe(model!.version);
    expect(answer!.predictions.map((p) => p.label).sort()).toEqual(['blue', 'green', 'red']);
  }, 300_000);
});
