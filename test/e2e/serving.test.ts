// Export and serving end to end: real nats-server -js, the exporter and inference services as processes,
// a model exported over gRPC and served, swapped live on model.exported, scaled out to three replicas.
// One inference process per runtime (ONNX Runtime, the default; TF.js on worker threads) takes every call.
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { connect } from 'nats';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_NAMES, type inferenceV1 } from '@finetune/contracts';
import { createPublisher } from '@finetune/events';
import { REPO_ROOT, type ServiceProcess } from '@finetune/runtime';
import { classifyLoad } from './serving-load';
import { classifyStream, metricValue, testJpeg, unary } from './serving-fixtures';
import { env, IMAGE_SIZE, LABELS, MAX_MESSAGE_BYTES, RUNTIMES, until, useServingStack, type Runtime } from './serving-stack';

const run = promisify(execFile);
const stack = useServingStack();
const { inference } = stack;
const inferenceClient = (address: string, options?: grpc.ClientOptions) => stack.inferenceClient(address, options);
/** The stack's image, read once it has started: hooks run in the order they are registered. */
let image: Buffer;
beforeAll(() => {
  image = stack.image;
});

describe('serving', () => {
  it('serving - inference is SERVING while nothing is exported, and classify calls answer NOT_FOUND', async () => {
    // A fresh install becomes Ready: readiness waits for a model only once one is exported.
    for (const runtime of RUNTIMES) {
      expect(await stack.health(inference[runtime].grpcPort, SERVICE_NAMES.inference), runtime).toBe('SERVING');
      const err = await unary(inferenceClient(`127.0.0.1:${inference[runtime].grpcPort}`), 'Classify', { image }).catch((e: grpc.ServiceError) => e) as grpc.ServiceError;
      expect(err.code).toBe(grpc.status.NOT_FOUND);
      expect(err.details).toMatch(/served models: none yet/);
    }
  });

  it('serving - best by accuracy before any evaluation is FAILED_PRECONDITION', async () => {
    const err = await stack.exportVersion({ selector: 'CHECKPOINT_SELECTOR_BEST_ACCURACY' }).catch((e: grpc.ServiceError) => e) as grpc.ServiceError;
    expect(err.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(err.details).toMatch(/no evaluations yet/);
  });

  it('serving - an export is published and loaded; Classify, ClassifyBatch and GetModel answer with it', async () => {
    const { model } = await stack.exportVersion({ selector: 'CHECKPOINT_SELECTOR_STEP', step: 0 });
    expect(model).toMatchObject({ name: 'flowers', version: '1', labels: LABELS, model_name: 'mobilenet_v2', job_id: 'job-1' });
    expect(model!.source_checkpoint!.step).toBe('0');
    expect(model!.input).toMatchObject({ height_px: IMAGE_SIZE, width_px: IMAGE_SIZE, channels: 3, preprocessing: 'PREPROCESSING_INCEPTION' });
    expect(model!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const answers: Partial<Record<Runtime, inferenceV1.ClassifyResponse__Output>> = {};
    for (const runtime of RUNTIMES) {
      const port = inference[runtime].grpcPort;
      // SERVING already before the first export (a fresh install is Ready): wait for the version itself.
      const client = inferenceClient(`127.0.0.1:${port}`);
      await until(`inference on ${runtime} loads version 1`, async () =>
        (await unary<inferenceV1.GetModelRequest, inferenceV1.GetModelResponse__Output>(client, 'GetModel', {}).catch(() => undefined))?.model_version === '1');
      expect(await stack.health(port, SERVICE_NAMES.inference)).toBe('SERVING');
      answers[runtime] = await answersWithVersion1(port, model!.sha256);
    }
    expect(inference.onnx.logs.find((l) => l.msg === 'model version loaded')).toMatchObject({ runtime: 'onnx', workers: 0 });
    expect(inference.tfjs.logs.find((l) => l.msg === 'model version loaded')).toMatchObject({ runtime: 'tfjs', workers: 2 });
    // Two runtimes that share no code give the same scores.
    const scores = (r: Runtime) => Object.fromEntries(answers[r]!.predictions.map((p) => [p.label, p.score]));
    for (const label of LABELS) expect(Math.abs(scores('onnx')[label]! - scores('tfjs')[label]!), label).toBeLessThan(1e-4);
  });

  async function answersWithVersion1(port: number, sha256: string): Promise<inferenceV1.ClassifyResponse__Output> {
    const client = inferenceClient(`127.0.0.1:${port}`);
    const one = await unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client, 'Classify', { image, top_k: 2 });
    expect(one).toMatchObject({ served_model_name: 'flowers', model_version: '1' });
    expect(one.predictions).toHaveLength(2);
    expect(one.predictions[0]!.score).toBeGreaterThanOrEqual(one.predictions[1]!.score);
    const all = await unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client, 'Classify', { image });
    expect(all.predictions.map((p) => p.label).sort()).toEqual([...LABELS].sort()); // top_k 0 = 5, clamped to 3
    expect(all.predictions.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 5);

    const images = [image, await testJpeg(50, 2), await testJpeg(120, 3)];
    const batch = await unary<inferenceV1.ClassifyBatchRequest, inferenceV1.ClassifyBatchResponse__Output>(client, 'ClassifyBatch', { images, top_k: 1 });
    expect(batch.classifications).toHaveLength(3);
    expect(batch.classifications[0]!.predictions[0]).toEqual(all.predictions[0]); // same image, same answer, whatever the batch

    const described = await unary<inferenceV1.GetModelRequest, inferenceV1.GetModelResponse__Output>(client, 'GetModel', {});
    expect(described).toMatchObject({ served_model_name: 'flowers', model_version: '1', model_name: 'mobilenet_v2', labels: LABELS, sha256, loaded_versions: ['1'] });
    expect(described.input!.height_px).toBe(IMAGE_SIZE);
    return all;
  }

  it('serving - ClassifyStream answers each request by id and a bad image does not end the stream', async () => {
    for (const runtime of RUNTIMES) await streamAnswers(inference[runtime].grpcPort);
  });

  async function streamAnswers(port: number): Promise<void> {
    const answers = await classifyStream(inferenceClient(`127.0.0.1:${port}`), [
      { request_id: 'a', image },
      { request_id: 'b', image: Buffer.from('not an image') },
      { request_id: 'c', image, top_k: 1 },
    ]);
    const byId = Object.fromEntries(answers.map((a) => [a.request_id, a]));
    expect(Object.keys(byId).sort()).toEqual(['a', 'b', 'c']);
    expect(byId.a!.predictions).toHaveLength(3);
    expect(byId.b!.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(byId.b!.error!.message).toMatch(/request_id "b".*not an image/);
    expect(byId.c!.predictions).toHaveLength(1);
  }

  it('serving - limits answer with clear status codes', async () => {
    for (const runtime of RUNTIMES) await limitsAnswer(inference[runtime]);
  });

  async function limitsAnswer(server: ServiceProcess): Promise<void> {
    const client = inferenceClient(`127.0.0.1:${server.grpcPort}`, { 'grpc.max_send_message_length': 16 * 1024 * 1024 });
    const call = (request: inferenceV1.ClassifyRequest) => unary(client, 'Classify', request).then(() => null, (e: grpc.ServiceError) => e);
    const bomb = await sharp({ create: { width: 1000, height: 1000, channels: 3, background: 'white' } }).png().toBuffer();
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer();
    const cases: Array<[string, inferenceV1.ClassifyRequest, grpc.status, RegExp]> = [
      ['not an image', { image: Buffer.from('GIF? no, text') }, grpc.status.INVALID_ARGUMENT, /image: is not an image/],
      ['a gif', { image: gif }, grpc.status.INVALID_ARGUMENT, /is a gif image; send JPEG, PNG or WebP/],
      ['an empty image', { image: Buffer.alloc(0) }, grpc.status.INVALID_ARGUMENT, /image: is empty/],
      ['a decompression bomb', { image: bomb }, grpc.status.RESOURCE_EXHAUSTED, /1000x1000 = 1000000 pixels, over the limit of 250000/],
      ['a message over the size limit', { image: Buffer.alloc(MAX_MESSAGE_BYTES + 1000) }, grpc.status.RESOURCE_EXHAUSTED, /larger than max/i],
      ['a negative top_k', { image, top_k: -2 }, grpc.status.INVALID_ARGUMENT, /top_k: must be a whole number from 0/],
      ['an unknown model', { image, served_model_name: 'tulips' }, grpc.status.NOT_FOUND, /model "tulips": is not loaded here; served models: flowers/],
      ['an unknown version', { image, model_version: 9 }, grpc.status.NOT_FOUND, /model "flowers" version 9: is not loaded/],
    ];
    for (const [what, request, code, details] of cases) {
      const err = await call(request);
      expect(err?.code, what).toBe(code);
      expect(err?.details, what).toMatch(details);
    }
    expect(await metricValue(server.metricsPort, 'finetune_inference_requests_total', { status: 'INVALID_ARGUMENT' })).toBeGreaterThanOrEqual(4);
  }

  it('serving - a new export is swapped in under load with no failed or slowed request', async () => {
    const loads = RUNTIMES.map((runtime) => underLoad(inference[runtime]));
    await new Promise((r) => setTimeout(r, 1000));
    const { model } = await stack.exportVersion({ selector: 'CHECKPOINT_SELECTOR_NEWEST' });
    expect(model!.version).toBe('2');
    for (const load of loads) await load.swapped();
  });

  /** Four clients calling Classify on `server` until swapped() has seen version 2 answer and checked every latency. */
  function underLoad(server: ServiceProcess): { swapped(): Promise<void> } {
    const client = inferenceClient(`127.0.0.1:${server.grpcPort}`);
    const { started, latencies, failures, stop } = classifyLoad(client, image);
    return {
      swapped: async () => {
        // The steady state: what answered in the first second, before the export began.
        const before = latencies.filter((l) => l.at < started + 1000).map((l) => l.ms).sort((a, b) => a - b);
        await until('version 2 answering', async () => latencies.at(-1)?.version === '2', 30_000);
        await new Promise((r) => setTimeout(r, 500));
        await stop();

        expect(failures).toEqual([]);
        const versions = latencies.map((l) => l.version);
        // Once version 2 answers, version 1 never does again.
        expect(versions.slice(versions.indexOf('2'))).not.toContain('1');
        const p99Before = before[Math.floor(before.length * 0.99)]!;
        const worst = Math.max(...latencies.map((l) => l.ms));
        // "Not slowed": no request took longer than a generous multiple of the steady-state p99.
        expect(worst).toBeLessThan(Math.max(10 * p99Before, 250));
        const described = await unary<inferenceV1.GetModelRequest, inferenceV1.GetModelResponse__Output>(client, 'GetModel', { served_model_name: 'flowers' });
        expect(described.model_version).toBe('2');
        expect(await metricValue(server.metricsPort, 'finetune_inference_model_version', { model: 'flowers', version: '2' })).toBe(1);
        expect(await metricValue(server.metricsPort, 'finetune_inference_model_version', { model: 'flowers', version: '1' })).toBe(0);
      },
    };
  }

  it('serving - a version whose model.onnx does not match its checksum is refused by name; version 2 keeps serving', async () => {
    const v2 = path.join(stack.repository(), 'flowers', '2');
    const v3 = path.join(stack.repository(), 'flowers', '3');
    cpSync(v2, v3, { recursive: true });
    const metadataFile = path.join(v3, 'finetune-model.json');
    const metadata = JSON.parse(readFileSync(metadataFile, 'utf8'));
    writeFileSync(metadataFile, JSON.stringify({ ...metadata, version: 3 }));
    const onnx = readFileSync(path.join(v3, 'model.onnx'));
    onnx[onnx.length - 9] ^= 0xff;
    writeFileSync(path.join(v3, 'model.onnx'), onnx);
    const nc = await connect({ servers: stack.nats.url });
    try {
      const exported = { name: 'flowers', version: 3, path: v3, sha256: metadata.sha256, model_name: 'mobilenet_v2', job_id: 'job-1' };
      await (await createPublisher(nc)).publish('modelExported', exported, `flowers-3-damaged`);
      for (const runtime of RUNTIMES) {
        const server = inference[runtime];
        await until(`${runtime} refusing version 3`, async () => server.logs.some((l) => l.msg === 'cannot load exported model version' && l.version === 3));
        const logged = server.logs.find((l) => l.msg === 'cannot load exported model version')!;
        expect((logged.err as { message: string }).message, runtime).toMatch(new RegExp(`${path.join(v3, 'model.onnx')}: SHA-256 is [0-9a-f]{64} but the metadata records`));
        const r = await unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(inferenceClient(`127.0.0.1:${server.grpcPort}`), 'Classify', { image, top_k: 1 });
        expect(r.model_version, runtime).toBe('2');
      }
      // A replica starting now scans the repository: version 3 is refused, version 2 served.
      const fresh = await stack.startReplica();
      await until('the fresh replica SERVING', async () => (await stack.health(fresh.grpcPort, SERVICE_NAMES.inference)) === 'SERVING');
      const r = await unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(inferenceClient(`127.0.0.1:${fresh.grpcPort}`), 'Classify', { image, top_k: 1 });
      expect(r.model_version).toBe('2');
      expect(fresh.logs.find((l) => l.msg === 'cannot load model version')).toMatchObject({ version: 3 });
      await fresh.stop();
    } finally {
      await nc.close();
      // Later replicas scan the repository at start: a damaged newest version is not what they are about.
      rmSync(v3, { recursive: true, force: true });
    }
  });

  it('serving - /metrics has the request, latency, batch, queue, version and backend metrics', async () => {
    for (const runtime of RUNTIMES) await metricsOf(inference[runtime].metricsPort);
  });

  async function metricsOf(port: number): Promise<void> {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const name of ['finetune_inference_latency_seconds_bucket', 'finetune_inference_batch_size_bucket', 'finetune_inference_queue_seconds_bucket']) expect(text).toContain(name);
    expect(await metricValue(port, 'finetune_inference_requests_total', { status: 'OK' })).toBeGreaterThan(10);
    expect(await metricValue(port, 'finetune_backend_info', { backend: 'wasm' })).toBe(1);
    // Concurrent clients were batched together at least once.
    const batches = await metricValue(port, 'finetune_inference_batch_size_count');
    const images = await metricValue(port, 'finetune_inference_batch_size_sum');
    expect(images).toBeGreaterThan(batches);
  }

  it('serving - finetune export and classify print the reference format, from the files and from the service', async () => {
    const cli = path.join(REPO_ROOT, 'services/cli/bin/finetune.js');
    const cliRepo = path.join(stack.dir, 'cli-models');
    const imageFile = path.join(stack.dir, 'x.jpg');
    writeFileSync(imageFile, image);
    const served = path.join(stack.repository(), 'flowers', '2');
    const options = { cwd: REPO_ROOT, env: { ...process.env, ...env } };
    // Four CLI processes at once: each spends most of its time loading tfjs.
    const classifyLocal = [cli, 'classify', `--model_path=${served}`, `--label_path=${path.join(served, 'labels.txt')}`, `--image_file=${imageFile}`, '--num_top_predictions=5'];
    const [exported, local, localTfjs, remote] = await Promise.all([
      run(process.execPath, [cli, 'export', `--train_dir=${stack.trainDir()}`, '--model_name=mobilenet_v2', `--dataset_dir=${stack.datasetDir()}`, `--output_dir=${cliRepo}`, '--served_model_name=flowers', `--image_size=${IMAGE_SIZE}`], options),
      run(process.execPath, classifyLocal, options),
      run(process.execPath, [...classifyLocal, '--runtime=tfjs'], options),
      run(process.execPath, [cli, 'classify', `--inference-address=127.0.0.1:${inference.onnx.grpcPort}`, `--image_file=${imageFile}`, '--num_top_predictions=2'], options),
    ]);
    expect(exported.stdout).toMatch(/^exported flowers version 1 to .*cli-models\/flowers\/1\n/);
    // The CLI and the service exported the same (newest) checkpoint with the same code: the same files.
    const sha = (d: string) => JSON.parse(readFileSync(path.join(d, 'finetune-model.json'), 'utf8')).sha256;
    expect(sha(path.join(cliRepo, 'flowers', '1'))).toBe(sha(served));
    const lines = local.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^(water|ice|sand) \(score = -?\d+\.\d{5}\)$/);
    const scores = lines.map((l) => Number(/score = (.*)\)/.exec(l)![1]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(remote.stdout.trim().split('\n')).toEqual(lines.slice(0, 2));
    // ONNX Runtime (the default) and TF.js print the same labels, the scores within 1e-4.
    const tfjsLines = localTfjs.stdout.trim().split('\n');
    expect(tfjsLines.map((l) => l.split(' ')[0])).toEqual(lines.map((l) => l.split(' ')[0]));
    tfjsLines.forEach((l, i) => expect(Math.abs(Number(/score = (.*)\)/.exec(l)![1]) - scores[i]!)).toBeLessThan(1e-4));
  });

  it('serving - three replicas behind one name share the calls of a round-robin client', async () => {
    // The fourth replica, pinned to version 1, starts alongside: it keeps serving 1 although 2 exists. It
    // predicts on its main thread (--model-workers=0), the others on one worker each: four processes share the cores.
    const started = await Promise.all([
      ...[0, 1, 2].map(() => stack.startReplica(['--model-workers=1'])),
      stack.startReplica(['--model-name=flowers', '--model-version=1', '--model-workers=0']),
    ]);
    const replicas = started.slice(0, 3);
    const pinned = started[3]!;
    const target = `ipv4:${replicas.map((r) => `127.0.0.1:${r.grpcPort}`).join(',')}`;
    const client = inferenceClient(target, { 'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }) });
    await until('all replicas SERVING', async () => (await Promise.all(replicas.map((r) => stack.health(r.grpcPort, SERVICE_NAMES.inference)))).every((s) => s === 'SERVING'));
    for (let i = 0; i < 30; i++) {
      const r = await unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client, 'Classify', { image, top_k: 1 });
      expect(r.model_version).toBe('2');
    }
    const counts = await Promise.all(replicas.map((r) => metricValue(r.metricsPort, 'finetune_inference_requests_total', { status: 'OK' })));
    for (const c of counts) expect(c).toBeGreaterThan(0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);

    const described = await unary<inferenceV1.GetModelRequest, inferenceV1.GetModelResponse__Output>(inferenceClient(`127.0.0.1:${pinned.grpcPort}`), 'GetModel', {});
    expect(described.model_version).toBe('1');
  }, 90_000);

  it('serving - SIGTERM reports NOT_SERVING, finishes the calls in flight and exits 0', async () => {
    await Promise.all(RUNTIMES.map((runtime) => drainsOnSigterm(inference[runtime])));
  });

  async function drainsOnSigterm(server: ServiceProcess): Promise<void> {
    const client = inferenceClient(`127.0.0.1:${server.grpcPort}`);
    await unary(client, 'GetModel', {}); // connected, so the calls below reach the server before the signal
    const statuses = stack.watchHealth(server.grpcPort);
    await until('the health watch to report', async () => statuses.length > 0);
    const images = Array.from({ length: 16 }, () => image);
    const inFlight = Array.from({ length: 4 }, () => unary<inferenceV1.ClassifyBatchRequest, inferenceV1.ClassifyBatchResponse__Output>(client, 'ClassifyBatch', { images, top_k: 1 }));
    await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGTERM');
    const results = await Promise.allSettled(inFlight);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(await exited).toBe(0);
    expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
    expect(server.logs.some((l) => l.msg === 'model version disposed')).toBe(true);
  }
});
