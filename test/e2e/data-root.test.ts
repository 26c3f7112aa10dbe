// The data root over real gRPC: every service refuses a path that lands outside it — by its text, through a
// symlink, or through a checkpoint state file — naming the field, and saying the same whether it exists or not.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts } from '@finetune/contracts';
import { makeImageTree } from '@finetune/datasets/testing';
import { startServiceProcess, type ServiceName, type ServiceProcess } from '@finetune/runtime';

const contracts = loadContracts();
const v1 = contracts.finetune;
let dir: string;
let root: string;
let outside: string;
const services: Partial<Record<ServiceName, ServiceProcess>> = {};
const clients: grpc.Client[] = [];

function client<T extends grpc.Client>(make: new (address: string, creds: grpc.ChannelCredentials) => T, name: ServiceName): T {
  const c = new make(`127.0.0.1:${services[name]!.grpcPort}`, grpc.credentials.createInsecure());
  clients.push(c);
  return c;
}
/** A unary call's error (or undefined when it succeeded). */
function failure(call: (cb: (err: grpc.ServiceError | null) => void) => void): Promise<grpc.ServiceError | undefined> {
  return new Promise((resolve) => call((err) => resolve(err ?? undefined)));
}
/** A server stream's error. */
function streamFailure(stream: grpc.ClientReadableStream<unknown>): Promise<grpc.ServiceError | undefined> {
  return new Promise((resolve) => {
    stream.on('data', () => undefined);
    stream.on('error', (err: grpc.ServiceError) => resolve(err));
    stream.on('end', () => resolve(undefined));
  });
}
function expectRefused(err: grpc.ServiceError | undefined, field: string): string {
  expect(err?.code, err?.details).toBe(grpc.status.INVALID_ARGUMENT);
  expect(err!.details).toContain(`${field} "`);
  expect(err!.details).toContain('is outside the data root');
  return err!.details;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-data-root-'));
  root = path.join(dir, 'root');
  outside = path.join(dir, 'outside');
  mkdirSync(path.join(outside, 'train'), { recursive: true });
  mkdirSync(root);
  writeFileSync(path.join(outside, 'train', 'model.ckpt-5.index'), 'not yours');
  await makeImageTree(path.join(root, 'pic'));
  symlinkSync(outside, path.join(root, 'out')); // a symlink inside the root to a folder outside it
  // A train dir inside the root whose state file names checkpoints outside: one that exists, one that does not.
  for (const [name, target] of [['steal', 'train/model.ckpt-5'], ['probe', 'train/model.ckpt-6']] as const) {
    mkdirSync(path.join(root, name));
    writeFileSync(path.join(root, name, 'checkpoint'), `model_checkpoint_path: "${path.join(outside, target)}"\n`);
  }
  mkdirSync(path.join(root, 'empty-train'));
  const args = (name: string) => ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', '--metrics-host=127.0.0.1', `--state-dir=${root}`, ...(name === 'evaluator' ? [] : [`--data-root=${root}`])];
  const env = { FINETUNE_BACKEND: 'wasm', FINETUNE_NATS_URL: '' };
  await Promise.all(
    (['dataset', 'trainer', 'evaluator', 'exporter'] as const).map(async (name) => {
      services[name] = await startServiceProcess(name, { args: args(name), env });
    }),
  );
}, 180_000);

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(Object.values(services).map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('data root', () => {
  it('data root - ConvertDataset does not write shards through a symlink out of the root', async () => {
    const dataset = client(v1.dataset.v1.DatasetService, 'dataset');
    const err = await streamFailure(dataset.ConvertDataset({ ratio_split: { directory: path.join(root, 'pic'), validation_ratio: 0.3 }, dataset_name: 'x', output_directory: 'out/shards' }));
    expectRefused(err, 'output_directory');
    expect(readdirSync(outside)).toEqual(['train']);
  });

  it('data root - Export neither reads a train dir nor writes a model through a symlink out of the root; an unknown selector is refused', async () => {
    const exporter = client(v1.exporter.v1.ExporterService, 'exporter');
    const base = { model_name: 'mobilenet_v2', served_model_name: 'flowers' };
    expectRefused(await failure((cb) => exporter.Export({ ...base, train_dir: 'out/train' }, cb)), 'train_dir');
    expectRefused(await failure((cb) => exporter.Export({ ...base, train_dir: 'empty-train', output_directory: 'out/models' }, cb)), 'output_directory');
    expectRefused(await failure((cb) => exporter.Export({ ...base, train_dir: 'steal' }, cb)), 'train_dir');
    const selector = await failure((cb) => exporter.Export({ ...base, train_dir: 'empty-train', selector: 42 as never }, cb));
    expect(selector?.code, selector?.details).toBe(grpc.status.INVALID_ARGUMENT);
    expect(selector!.details).toMatch(/^selector: 42 is not a checkpoint selector; use CHECKPOINT_SELECTOR_NEWEST/);
    expect(readdirSync(outside)).toEqual(['train']);
  });

  it('data root - Evaluate does not follow a checkpoint state file out of the root, and does not tell whether the target exists', async () => {
    const evaluator = client(v1.evaluator.v1.EvaluatorService, 'evaluator');
    const ask = (train: string) => failure((cb) => evaluator.Evaluate({ train_dir: train, dataset_name: 'flowers' }, cb));
    const exists = expectRefused(await ask('steal'), 'train_dir');
    const missing = expectRefused(await ask('probe'), 'train_dir');
    expect(exists.replace('steal', 'probe')).toBe(missing);
  });

  it('data root - StartTraining refuses a dataset_name that climbs out, the same for a path that exists and one that does not', async () => {
    const trainer = client(v1.trainer.v1.TrainerService, 'trainer');
    const start = (name: string) => failure((cb) => trainer.StartTraining({ config: { dataset_name: name, model_name: 'mobilenet_v2' } }, cb));
    const climb = path.relative(path.join(root, 'datasets'), outside);
    const exists = expectRefused(await start(`${climb}/train`), 'config.dataset_name');
    const missing = expectRefused(await start(`${climb}/nothing`), 'config.dataset_name');
    expect(exists.replace('/train"', '/nothing"')).toBe(missing);
    expectRefused(await start('../../../x'), 'config.dataset_name');
  });
});
