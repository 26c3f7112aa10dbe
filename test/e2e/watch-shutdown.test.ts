// WatchJob when the trainer gets SIGTERM mid-job: the stream ends UNAVAILABLE saying how to resume, never OK,
// since the job it watches has not ended.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, type trainerV1 } from '@finetune/contracts';
import { convertImageFolder } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { startServiceProcess, type ServiceProcess } from '@finetune/runtime';

const contracts = loadContracts();
let dir: string;
let trainer: ServiceProcess;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-watch-'));
  await makeImageTree(path.join(dir, 'pic'), {
    blue: { count: 4, format: 'png', rgb: [30, 40, 220], width: 32, height: 32 },
    red: { count: 4, format: 'png', rgb: [220, 30, 30], width: 32, height: 32 },
  });
  await convertImageFolder({ trainDir: path.join(dir, 'pic'), outputDir: path.join(dir, 'colours'), datasetName: 'colours', trainShards: 1, validationShards: 1, numThreads: 1 });
  trainer = await startServiceProcess('trainer', {
    args: ['--grpc-port=0', '--metrics-port=0', `--state-dir=${path.join(dir, 'state')}`, `--data-root=${dir}`, '--engine-workers=1'],
    env: { FINETUNE_BACKEND: 'wasm', FINETUNE_NATS_URL: '' },
  });
}, 120_000);

afterAll(async () => {
  await trainer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('watch shutdown', () => {
  it('trainer - on SIGTERM WatchJob ends UNAVAILABLE, saying the job stops with a checkpoint and how to resume', async () => {
    const client = new contracts.finetune.trainer.v1.TrainerService(`127.0.0.1:${trainer.grpcPort}`, grpc.credentials.createInsecure());
    const config: trainerV1.TrainingConfig = {
      dataset_dir: path.join(dir, 'colours'),
      train_dir: path.join(dir, 'train'),
      model_name: 'mobilenet_v2',
      depth_multiplier: 0.35,
      train_image_size: 32,
      checkpoint_path: 'none',
      batch_size: 4,
      log_every_n_steps: 1,
    };
    const job = await new Promise<string>((resolve, reject) => client.StartTraining({ config }, (err, res) => (err ? reject(err) : resolve(res!.job!.job_id))));
    const call = client.WatchJob({ job_id: job });
    let training!: () => void;
    const stepping = new Promise<void>((r) => (training = r));
    const status = new Promise<grpc.StatusObject>((resolve) => {
      call.on('data', (r: trainerV1.WatchJobResponse__Output) => Number(r.progress!.step) >= 2 && training());
      call.on('status', resolve);
      call.on('error', () => undefined);
    });
    await stepping;
    trainer.process.kill('SIGTERM');
    const ended = await status;
    expect(ended.code, ended.details).toBe(grpc.status.UNAVAILABLE);
    expect(ended.details).toMatch(new RegExp(`the trainer is shutting down: job ${job} saves a checkpoint and stops; .* same train_dir to resume`));
    client.close();
  }, 120_000);
});
