// The first step of the workflow end to end: the dataset service as a process beside a real
// nats-server -js, converting real images over gRPC, and `finetune prepare` doing the same in-process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, type datasetV1 } from '@finetune/contracts';
import { makeImageTree } from '@finetune/datasets/testing';
import { consumeEvents } from '@finetune/events';
import { REPO_ROOT, startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceProcess } from '@finetune/runtime';

const contracts = loadContracts();
let dir: string;
let nats: NatsServerProcess;
let service: ServiceProcess;
let client: InstanceType<typeof contracts.finetune.dataset.v1.DatasetService>;
let nc: NatsConnection;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-dataset-'));
  await makeImageTree(path.join(dir, 'pic', 'train'));
  await makeImageTree(path.join(dir, 'pic', 'validation'), { daisy: { count: 2, format: 'png', rgb: [240, 240, 230] }, tulips: { count: 1, format: 'jpeg', rgb: [230, 170, 0] } });
  nats = await startNatsServer({ storeDir: path.join(dir, 'nats') });
  service = await startServiceProcess('dataset', {
    args: ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', `--state-dir=${path.join(dir, 'state')}`, `--data-root=${dir}`],
    env: { FINETUNE_NATS_URL: nats.url },
  });
  client = new contracts.finetune.dataset.v1.DatasetService(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
  nc = await connect({ servers: nats.url });
}, 120_000);

afterAll(async () => {
  client?.close();
  await nc?.drain();
  await service?.stop();
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function convert(request: datasetV1.ConvertDatasetRequest): Promise<{ updates: datasetV1.ConvertDatasetResponse__Output[]; error?: grpc.ServiceError }> {
  return new Promise((resolve) => {
    const updates: datasetV1.ConvertDatasetResponse__Output[] = [];
    const call = client.ConvertDataset(request);
    call.on('data', (u: datasetV1.ConvertDatasetResponse__Output) => updates.push(u));
    call.on('error', (error: grpc.ServiceError) => resolve({ updates, error }));
    call.on('end', () => resolve({ updates }));
  });
}

describe('dataset service', () => {
  it('dataset - ConvertDataset streams progress, writes shards and publishes dataset.converted', async () => {
    const { updates, error } = await convert({
      ratio_split: { directory: path.join(dir, 'pic', 'train'), validation_ratio: 0.34, seed: 7 },
      dataset_name: 'flowers',
      train_shards: 2,
      validation_shards: 2,
      num_threads: 2,
    });
    expect(error).toBeUndefined();
    expect(updates.some((u) => u.progress)).toBe(true);
    const result = updates.at(-1)!.result!;
    const m = result.manifest!;
    expect(m.dataset_name).toBe('flowers');
    expect(m.classes).toEqual(['daisy', 'roses', 'tulips']);
    const total = m.splits.reduce((n, s) => n + Number(s.num_examples), 0);
    expect(total).toBe(18);
    expect(m.directory).toBe(path.join(dir, 'state', 'datasets', 'flowers'));
    expect(readdirSync(m.directory).sort()).toEqual([
      'flowers_train_00000-of-00002.tfrecord',
      'flowers_train_00001-of-00002.tfrecord',
      'flowers_validation_00000-of-00002.tfrecord',
      'flowers_validation_00001-of-00002.tfrecord',
      'label.txt',
      'manifest.json',
    ]);
    expect(readFileSync(path.join(m.directory, 'label.txt'), 'utf8')).toBe('daisy\nroses\ntulips\n');

    const event = await new Promise<{ dataset_name: string; num_classes: number; num_train_examples: string }>((resolve) => {
      const ac = new AbortController();
      void consumeEvents(nc, {
        durable: 'e2e-dataset',
        event: 'datasetConverted',
        signal: ac.signal,
        async handle(e) {
          ac.abort();
          resolve(e);
        },
      });
    });
    expect(event).toMatchObject({ dataset_name: 'flowers', num_classes: 3 });
    expect(Number(event.num_train_examples)).toBe(Number(m.splits.find((s) => s.name === 'train')!.num_examples));
  });

  it('dataset - ConvertDataset takes the reference -t pic/ layout (pic/train, pic/validation) and counts each class', async () => {
    const { updates, error } = await convert({ split_directories: { train_directory: path.join(dir, 'pic') }, dataset_name: 'layout' });
    expect(error).toBeUndefined();
    const m = updates.at(-1)!.result!.manifest!;
    expect(m.classes).toEqual(['daisy', 'roses', 'tulips']);
    expect(m.splits.map((s) => [s.name, Number(s.num_examples), s.num_examples_per_class.map(Number)])).toEqual([
      ['train', 18, [6, 6, 6]],
      ['validation', 3, [2, 0, 1]],
    ]);
  });

  it('dataset - GetDataset and ListDatasets return the manifest written', async () => {
    const byName = await new Promise<datasetV1.GetDatasetResponse__Output>((resolve, reject) =>
      client.GetDataset({ dataset_name: 'flowers' }, (err, res) => (err ? reject(err) : resolve(res!))),
    );
    expect(byName.manifest!.splits.map((s) => s.shards.length)).toEqual([2, 2]);
    expect(byName.manifest!.splits[0]!.shards[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = await new Promise<datasetV1.ListDatasetsResponse__Output>((resolve, reject) => client.ListDatasets({}, (err, res) => (err ? reject(err) : resolve(res!))));
    expect(list.datasets.map((d) => d.dataset_name)).toEqual(['flowers', 'layout']);
  });

  it('dataset - bad requests get clear status codes and leave nothing behind', async () => {
    const outside = await convert({ split_directories: { train_directory: '/etc' }, dataset_name: 'x' });
    expect(outside.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(outside.error?.details).toMatch(/split_directories.train_directory "\/etc" is outside the data root/);

    const again = await convert({ ratio_split: { directory: path.join(dir, 'pic', 'train'), validation_ratio: 0.34 }, dataset_name: 'flowers' });
    expect(again.error?.code).toBe(grpc.status.ALREADY_EXISTS);

    const threads = await convert({ split_directories: { train_directory: path.join(dir, 'pic', 'train') }, dataset_name: 'odd', train_shards: 3, num_threads: 2 });
    expect(threads.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(threads.error?.details).toMatch(/num.?threads/i);
    expect(existsSync(path.join(dir, 'state', 'datasets', 'odd', 'manifest.json'))).toBe(false);

    const missing = await new Promise<grpc.ServiceError | null>((resolve) => client.GetDataset({ dataset_name: 'nope' }, (err) => resolve(err)));
    expect(missing?.code).toBe(grpc.status.NOT_FOUND);
  });

  it('dataset - finetune prepare converts in-process with the reference flags, and publishes when NATS is configured', async () => {
    const out = path.join(dir, 'cli-out');
    const r = spawnSync(
      process.execPath,
      ['services/cli/bin/finetune.js', 'prepare', '-t', path.join(dir, 'pic', 'train'), '-o', out, '--dataset-name', 'satellite', '--validation-ratio', '0.3', '--train-shards', '2', '--validation-shards', '2', '--num-threads', '2', `--nats-url=${nats.url}`],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/satellite: 3 classes; train \d+ images in 2 shards; validation \d+ images in 2 shards; skipped 0/);
    expect(readdirSync(out)).toContain('satellite_validation_00001-of-00002.tfrecord');
    const event = await new Promise<{ dataset_dir: string }>((resolve) => {
      const ac = new AbortController();
      void consumeEvents(nc, {
        durable: 'e2e-cli',
        event: 'datasetConverted',
        signal: ac.signal,
        async handle(e) {
          if (e.dataset_name !== 'satellite') return;
          ac.abort();
          resolve(e);
        },
      });
    });
    expect(event.dataset_dir).toBe(out);
  });

  it('dataset - finetune prepare -t pic/ takes pic/train and pic/validation as the reference does', async () => {
    const out = path.join(dir, 'cli-layout');
    const r = spawnSync(process.execPath, ['services/cli/bin/finetune.js', 'prepare', '-t', path.join(dir, 'pic') + '/', '-o', out, '--dataset-name', 'flowers'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).not.toMatch(/error|has no images/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/flowers: 3 classes; train 18 images in 2 shards; validation 3 images in 2 shards; skipped 0/);
  });
});
