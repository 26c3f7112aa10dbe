// No shared volume: a dataset and a checkpoint published from one machine's folder (as the dataset service
// and trainer leave them), the exporter and two inference replicas each on their own folder, a real
// nats-server -js between them. The exporter fetches the dataset and checkpoint through JetStream's object
// store, exports, publishes the model; the replicas fetch it from there and serve it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFilesOf } from '@finetune/checkpoint';
import { loadContracts, type exporterV1, type inferenceV1 } from '@finetune/contracts';
import { startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceProcess } from '@finetune/runtime';
import { createArtifactStore, filesUnder, natsObjectTransfer } from '@finetune/store';
import { testJpeg, unary, writeCheckpoint } from './serving-fixtures';

const contracts = loadContracts();
const LABELS = ['water', 'ice', 'sand'];
const env = { FINETUNE_BACKEND: 'wasm' };

let dir: string;
let server: NatsServerProcess;
let nats: NatsConnection;
const processes: ServiceProcess[] = [];
const clients: grpc.Client[] = [];
/** One machine's own folder: nothing in it is visible to the others. */
const machine = (name: string) => path.join(dir, name);

function start(service: 'exporter' | 'inference', root: string, extra: string[] = []): Promise<ServiceProcess> {
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
  nats = await connect({ servers: server.url });
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(processes.map((p) => p.stop()));
  await nats?.drain();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('artifact store without a shared volume', () => {
  it('artifact store - a dataset and a checkpoint reach the exporter, and its model two inference replicas, only through NATS', async () => {
    // The producing machine: a dataset folder and a train dir, published as the dataset service and trainer would.
    const producer = createArtifactStore(machine('producer'));
    const dataset = path.join(producer.datasetsDir(), 'flowers');
    mkdirSync(dataset, { recursive: true });
    writeFileSync(path.join(dataset, 'label.txt'), `${LABELS.join('\n')}\n`);
    writeFileSync(path.join(dataset, 'flowers_validation_00000-of-00001.tfrecord'), Buffer.alloc(200_000, 7));
    const prefix = await writeCheckpoint(producer.trainDir('job-1'), 100, LABELS);
    await writeCheckpoint(producer.trainDir('job-1'), 200, LABELS); // never published: must not be exported
    const transfer = await natsObjectTransfer(nats, producer);
    await transfer.publish('datasets/flowers', await filesUnder(dataset));
    await transfer.publish('train/job-1/model.ckpt-100', await checkpointFilesOf(prefix));

    const [exporter, first] = await Promise.all([start('exporter', machine('exporter')), start('inference', machine('inference-1'), ['--poll-interval-secs=0', '--model-workers=0'])]);
    // Relative paths: each service resolves them in its own root.
    const { model } = await unary<Partial<exporterV1.ExportRequest>, exporterV1.ExportResponse__Output>(client(contracts.finetune.exporter.v1.ExporterService, exporter.grpcPort), 'Export', {
      train_dir: 'train/job-1',
      job_id: 'job-1',
      model_name: 'mobilenet_v2',
      dataset_dir: 'datasets/flowers',
      image_size: 64,
      served_model_name: 'flowers',
    });
    // Newest published, not newest on the producer's disk.
    expect(model).toMatchObject({ name: 'flowers', version: '1', labels: LABELS });
    expect(model!.source_checkpoint!.step).toBe('100');
    expect(existsSync(path.join(machine('exporter'), 'train/job-1/model.ckpt-100.index'))).toBe(true);
    expect(readFileSync(path.join(machine('exporter'), 'datasets/flowers/flowers_validation_00000-of-00001.tfrecord')).length).toBe(200_000);

    // The running replica hears model.exported and fetches the version; a replica started afterwards on an
    // empty folder pulls it at start.
    const image = await testJpeg(80, 1);
    const classify = (port: number) =>
      unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client(contracts.finetune.inference.v1.InferenceService, port), 'Classify', { image, top_k: 1 });
    const fromFirst = await until('the first replica serves version 1', async () => {
      const r = await classify(first.grpcPort);
      return r.model_version === '1' ? r : undefined;
    });
    const second = await start('inference', machine('inference-2'), ['--poll-interval-secs=0', '--model-workers=0']);
    const fromSecond = await classify(second.grpcPort);
    expect(fromSecond).toMatchObject({ served_model_name: 'flowers', model_version: '1' });
    expect(fromSecond.predictions).toEqual(fromFirst.predictions);
    expect(LABELS).toContain(fromFirst.predictions[0]!.label);

    // What each machine holds: only what it wrote or fetched.
    for (const replica of ['inference-1', 'inference-2']) {
      const metadata = JSON.parse(readFileSync(path.join(machine(replica), 'models/flowers/1/finetune-model.json'), 'utf8')) as { sha256: string };
      expect(metadata.sha256, replica).toBe(model!.sha256);
      expect(existsSync(path.join(machine(replica), 'train')), replica).toBe(false);
    }
    expect(existsSync(path.join(machine('producer'), 'models'))).toBe(false);
  }, 180_000);
});
