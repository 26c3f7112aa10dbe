// ClassifyStream on SIGTERM, against the inference service as a process: the stream stops taking requests,
// answers every one it took, then ends UNAVAILABLE; a client never sees OK while a request went unanswered.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, type inferenceV1 } from '@finetune/contracts';
import { startServiceProcess, type ServiceProcess } from '@finetune/runtime';
import { exportModel } from '@finetune/serving';
import { testJpeg, writeCheckpoint } from './serving-fixtures';

const contracts = loadContracts();
const LABELS = ['water', 'ice', 'sand'];
let dir: string;
let inference: ServiceProcess;
let image: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-drain-'));
  await tf.setBackend('cpu');
  await writeCheckpoint(path.join(dir, 'train'), 0, LABELS);
  await exportModel({ trainDir: path.join(dir, 'train'), selection: { kind: 'newest' }, modelName: 'mobilenet_v2', imageSize: 64, repository: path.join(dir, 'models'), servedModelName: 'flowers' });
  image = await testJpeg(80, 1);
  inference = await startServiceProcess('inference', {
    args: ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', '--metrics-host=127.0.0.1', `--state-dir=${dir}`, '--poll-interval-secs=0', '--model-workers=1', '--max-batch-size=2'],
    env: { FINETUNE_BACKEND: 'wasm', FINETUNE_NATS_URL: '' },
  });
}, 120_000);

afterAll(async () => {
  await inference?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('stream drain', () => {
  it('stream drain - on SIGTERM ClassifyStream answers the requests it took and never ends OK with one unanswered', async () => {
    type Stream = grpc.ClientDuplexStream<inferenceV1.ClassifyStreamRequest, inferenceV1.ClassifyStreamResponse__Output>;
    const client = new contracts.finetune.inference.v1.InferenceService(`127.0.0.1:${inference.grpcPort}`, grpc.credentials.createInsecure());
    const call = (client as unknown as { ClassifyStream(): Stream }).ClassifyStream();
    const answered = new Set<string>();
    let sent = 0;
    let sending = true;
    const ended = new Promise<grpc.StatusObject>((resolve) => {
      call.on('data', (a: inferenceV1.ClassifyStreamResponse__Output) => {
        expect(a.error, a.request_id).toBeNull();
        answered.add(a.request_id);
      });
      call.on('status', resolve);
      call.on('error', () => undefined); // the status says it
    });
    const firstAnswer = new Promise<void>((resolve) => call.once('data', () => resolve()));
    // Keep the stream full: requests go out faster than one worker answers them.
    const pump = (async () => {
      while (sending) {
        call.write({ request_id: `r${sent++}`, image, top_k: 1 });
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await firstAnswer;
    await new Promise((r) => setTimeout(r, 200));
    inference.process.kill('SIGTERM');
    const status = await ended;
    sending = false;
    await pump;
    client.close();
    const unanswered = sent - answered.size;
    console.log(`stream drain: sent ${sent}, answered ${answered.size}, status ${grpc.status[status.code]}`);
    expect(unanswered).toBeGreaterThan(0); // the client kept sending: some were never taken
    expect(status.code, status.details).toBe(grpc.status.UNAVAILABLE);
    expect(status.details).toMatch(/inference is shutting down: the (\d+) requests taken on this stream were answered/);
    const taken = Number(/the (\d+) requests taken/.exec(status.details)![1]);
    expect(answered.size).toBe(taken);
    const exit = inference.process.exitCode ?? (await new Promise((r) => inference.process.once('exit', (code) => r(code))));
    expect(exit).toBe(0);
  }, 60_000);
});
