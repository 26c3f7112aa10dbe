// Serving throughput and latency on the real builtin weights: in-process ONNX Runtime at batch 32 (the ceiling),
// then a gRPC load generator driving the inference service over loopback at concurrency 1, 8 and 32 (each call
// one JPEG: decode, preprocess, dynamic batching, predict), and PyTorch inference on the same shapes.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as tf from '@tensorflow/tfjs';
import { saveCheckpoint } from '@finetune/checkpoint';
import { loadContracts, type inferenceV1 } from '@finetune/contracts';
import { cpuBudget, initBackend } from '@finetune/engine';
import { getNet, openWeights, restoreVariables } from '@finetune/nets';
import { startServiceProcess } from '@finetune/runtime';
import { exportModel, imageToInput, startModelPredictor, verifyModelVersion, type ServingRuntime } from '@finetune/serving';
import { testJpeg, unary } from '../e2e/serving-fixtures';
import { torchAvailable, torchPeer } from './torch-peer';

export interface ServingBenchOptions {
  /** Client concurrencies driven against the service. @default [1, 8, 32] */
  concurrencies: number[];
  /** Most timed requests per concurrency (after a warm-up of the same concurrency); fewer on slow nets. @default 256 */
  requests: number;
  /** A zoo net with builtin weights. @default 'mobilenet_v2' */
  net: 'mobilenet_v2' | 'inception_v3';
  /** Batch of the in-process ONNX Runtime figure and the PyTorch peer. @default 32 */
  batch: number;
  /** The service's batching: most images per batch and longest wait. @default 32 and 2 ms */
  maxBatchSize: number;
  maxQueueDelayMs: number;
  /** The service's --runtime, one run each. @default ['onnx'] */
  runtimes: ServingRuntime[];
}

export function defaultServingBenchOptions(): ServingBenchOptions {
  return { concurrencies: [1, 8, 32], requests: 256, net: 'mobilenet_v2', batch: 32, maxBatchSize: 32, maxQueueDelayMs: 2, runtimes: ['onnx'] };
}

export interface LatencyFigures {
  /** Images answered per second. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ServingBenchRow extends LatencyFigures {
  runtime: ServingRuntime;
  concurrency: number;
  /** throughput / in-process ONNX Runtime throughput. */
  inProcessRatio: number;
}

export interface ServingBenchResult {
  model: string;
  batch: number;
  /** In-process ONNX Runtime, one batch of `batch` preprocessed images at a time: no decode, no gRPC. The mean of inProcessRuns. */
  inProcess: LatencyFigures;
  /** Timed before and after the gRPC rows. */
  inProcessRuns: [LatencyFigures, LatencyFigures];
  rows: ServingBenchRow[];
  /** PyTorch inference images/s at the same batch, or why it was not measured. */
  torch: number | string;
  load: [number, number];
}

function figures(latenciesMs: number[], seconds: number, imagesPerCall = 1): LatencyFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { throughput: (sorted.length * imagesPerCall) / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

function meanFigures(a: LatencyFigures, b: LatencyFigures): LatencyFigures {
  return { throughput: (a.throughput + b.throughput) / 2, p50Ms: (a.p50Ms + b.p50Ms) / 2, p99Ms: (a.p99Ms + b.p99Ms) / 2 };
}

/** `count` calls spread over `concurrency` callers that each send the next as soon as one returns. */
async function drive(concurrency: number, count: number, call: () => Promise<unknown>, imagesPerCall = 1): Promise<LatencyFigures> {
  const latencies: number[] = [];
  let left = count;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const s = performance.now();
        await call();
        latencies.push(performance.now() - s);
      }
    }),
  );
  return figures(latencies, (performance.now() - t0) / 1000, imagesPerCall);
}

/** A checkpoint of `net` with its builtin (ImageNet-started) backbone and a fresh 5-class head, as a head-only job starts. */
async function writeBuiltinCheckpoint(dir: string, net: ServingBenchOptions['net'], labels: string[]): Promise<void> {
  const def = getNet(net);
  const built = def.build({ numClasses: labels.length });
  const weights = await openWeights(`builtin:${net}`);
  try {
    await restoreVariables(built, weights, { excludeScopes: def.headScopes, headScopes: def.headScopes });
  } finally {
    await weights.close();
  }
  const variables = [...built.variables].map(([name, v]) => ({ name, dtype: 'float32' as const, shape: v.shape as number[], values: v.read().dataSync() as Float32Array }));
  await saveCheckpoint(dir, 0, variables, { modelName: net, numClasses: labels.length, labelNames: labels });
  built.model.dispose();
  tf.disposeVariables();
}

export async function benchServing(options: Partial<ServingBenchOptions> = {}): Promise<ServingBenchResult> {
  const o = { ...defaultServingBenchOptions(), ...options };
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-serving-'));
  const labels = ['a', 'b', 'c', 'd', 'e'];
  const loadBefore = os.loadavg()[0]!;
  try {
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    const trainDir = path.join(work, 'train');
    const datasetDir = path.join(work, 'dataset');
    await mkdir(datasetDir, { recursive: true });
    await writeFile(path.join(datasetDir, 'label.txt'), `${labels.join('\n')}\n`);
    await writeBuiltinCheckpoint(trainDir, o.net, labels);
    const repository = path.join(work, 'models');
    const exported = await exportModel({ trainDir, selection: { kind: 'newest' }, modelName: o.net, datasetDir, repository, servedModelName: 'bench' });
    const { imageSize, preprocessing } = exported.metadata;
    const images = await Promise.all(Array.from({ length: 16 }, (_, i) => testJpeg(Math.round(imageSize * 1.3), i)));
    let next = 0;
    const image = () => images[next++ % images.length]!;

    // The ceiling: ONNX Runtime in this process on batches of preprocessed images, as many threads as the service.
    // Timed before and after the service's rows (the service stopped), so a load that drifts meanwhile shows, and
    // the ratios use the mean of the two.
    const batch = await Promise.all(Array.from({ length: o.batch }, () => imageToInput(image(), { size: imageSize, preprocessing, maxPixels: 1e8, source: 'image' })));
    const inProcessRun = async (): Promise<LatencyFigures> => {
      const predictor = await startModelPredictor(await verifyModelVersion(exported.dir), { runtime: 'onnx', onnxThreads: cpuBudget(), workers: 0, backend: 'wasm', name: 'bench' });
      try {
        await drive(1, 1, () => predictor.predict(batch), o.batch);
        return await drive(1, Math.max(3, Math.ceil(o.requests / o.batch)), () => predictor.predict(batch), o.batch);
      } finally {
        await predictor.dispose();
      }
    };
    const inProcessBefore = await inProcessRun();

    const rows: ServingBenchRow[] = [];
    for (const runtime of o.runtimes) {
      const service = await startServiceProcess('inference', {
        args: [
          '--grpc-host=127.0.0.1',
          '--grpc-port=0',
          '--metrics-port=0',
          `--model-repository=${repository}`,
          '--poll-interval-secs=0',
          `--runtime=${runtime}`,
          `--max-batch-size=${o.maxBatchSize}`,
          `--max-queue-delay-ms=${o.maxQueueDelayMs}`,
        ],
        env: { FINETUNE_BACKEND: 'wasm' },
      });
      const contracts = loadContracts();
      const client = new contracts.finetune.inference.v1.InferenceService(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
      try {
        const classify = () => unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client, 'Classify', { image: image(), top_k: 5 });
        for (const concurrency of o.concurrencies) {
          await drive(concurrency, concurrency * 2, classify);
          // About ten seconds of calls at the in-process rate, so a slow net or a loaded machine still finishes.
          const calls = Math.min(o.requests, Math.max(32, Math.round(inProcessBefore.throughput * 10)));
          const f = await drive(concurrency, runtime === 'onnx' ? calls : Math.ceil(calls / 8), classify);
          rows.push({ runtime, concurrency, ...f, inProcessRatio: 0 });
        }
      } finally {
        client.close();
        await service.stop();
      }
    }
    const inProcessAfter = await inProcessRun();
    const inProcess = meanFigures(inProcessBefore, inProcessAfter);
    for (const row of rows) row.inProcessRatio = row.throughput / inProcess.throughput;

    let torch: number | string = 'python3-torch not installed (or BENCH_TORCH=0): no peer figure';
    if (process.env.BENCH_TORCH !== '0' && (await torchAvailable())) {
      torch = (await torchPeer(o.net, o.batch, 5, ['infer'])).infer ?? 'torch_peer.py printed no figure';
    }
    const model = `${o.net} at ${imageSize}x${imageSize}, builtin weights (nsfwjs), ${labels.length}-class head, batch norms folded`;
    return { model, batch: o.batch, inProcess, inProcessRuns: [inProcessBefore, inProcessAfter], rows, torch, load: [loadBefore, os.loadavg()[0]!] };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The shapes: MobileNetV2 224 and InceptionV3 299, both at batch 32. */
const DEFAULT_RUNS: readonly Pick<ServingBenchOptions, 'net' | 'batch'>[] = [
  { net: 'mobilenet_v2', batch: 32 },
  { net: 'inception_v3', batch: 32 },
];

/** The targets for gRPC Classify at concurrency 8. */
export const SERVING_TARGETS = { concurrency: 8, inProcessRatio: 0.8, torchRatio: 3 } as const;

/** One options set per run. Env: BENCH_SERVING_NET (one net), BENCH_BATCH, BENCH_SERVING_RUNTIMES (onnx,tfjs), BENCH_TORCH=0. */
export function servingBenchRunsFromEnv(env: NodeJS.ProcessEnv): Partial<ServingBenchOptions>[] {
  const runtimes = env.BENCH_SERVING_RUNTIMES ? { runtimes: env.BENCH_SERVING_RUNTIMES.split(',') as ServingRuntime[] } : {};
  const runs = env.BENCH_SERVING_NET ? [{ net: env.BENCH_SERVING_NET as ServingBenchOptions['net'], batch: Number(env.BENCH_BATCH ?? 32) }] : DEFAULT_RUNS;
  return runs.map((r) => ({ ...r, ...runtimes }));
}

/** The figures as lines for `npm run bench`. */
export function formatServingBench(r: ServingBenchResult): string[] {
  const { batch } = r;
  const row = (label: string, f: LatencyFigures, extra = '') =>
    `  ${label.padEnd(40)} ${f.throughput.toFixed(1).padStart(7)} images/s   p50 ${f.p50Ms.toFixed(1).padStart(7)} ms   p99 ${f.p99Ms.toFixed(1).padStart(7)} ms${extra}`;
  const torch = typeof r.torch === 'number' ? r.torch : undefined;
  const vsTorch = (x: number) => (torch ? `   ${(x / torch).toFixed(2)}x PyTorch` : '');
  return [
    `serving: ${r.model}; ${cpuBudget()} cores of CPU budget; load average ${r.load[0].toFixed(2)} before, ${r.load[1].toFixed(2)} after`,
    row(`in-process ONNX Runtime, batch ${batch}`, r.inProcess, `${vsTorch(r.inProcess.throughput)}   (before ${r.inProcessRuns[0].throughput.toFixed(1)}, after ${r.inProcessRuns[1].throughput.toFixed(1)})`),
    ...r.rows.map((x) => row(`gRPC Classify on ${x.runtime}, concurrency ${x.concurrency}`, x, `   ${x.inProcessRatio.toFixed(2)}x in-process${vsTorch(x.throughput)}`)),
    typeof r.torch === 'number' ? `  PyTorch inference, batch ${batch}, 2 threads: ${r.torch.toFixed(1)} images/s` : `  PyTorch: ${r.torch}`,
    ...targetLines(r, torch),
  ];
}

/** Each runtime's concurrency-8 row against the targets, pass or fail. */
function targetLines(r: ServingBenchResult, torch: number | undefined): string[] {
  const { concurrency, inProcessRatio, torchRatio } = SERVING_TARGETS;
  const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');
  return r.rows
    .filter((x) => x.concurrency === concurrency)
    .map((x) => {
      const vsTorch = torch ? `${(x.throughput / torch).toFixed(2)}x PyTorch (target >= ${torchRatio}x: ${verdict(x.throughput / torch >= torchRatio)})` : 'PyTorch not measured';
      return `  targets, gRPC on ${x.runtime} at concurrency ${concurrency}: ${x.inProcessRatio.toFixed(2)}x in-process (target >= ${inProcessRatio}x: ${verdict(x.inProcessRatio >= inProcessRatio)}); ${vsTorch}`;
    });
}
