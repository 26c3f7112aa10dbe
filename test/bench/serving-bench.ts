// Serving throughput and latency: a gRPC load generator drives the inference service over loopback at
// concurrency 1, 8 and 32, once predicting on its main thread and once on its model workers; the baseline is
// in-process prediction on the same model in the same run.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadContracts, type inferenceV1 } from '@finetune/contracts';
import { initBackend } from '@finetune/engine';
import { startServiceProcess } from '@finetune/runtime';
import { exportModel, imageToInput, loadModelVersion, runLogits, topPredictions } from '@finetune/serving';
import { testJpeg, unary, writeCheckpoint } from '../e2e/serving-fixtures';

export interface ServingBenchOptions {
  /** Client concurrencies driven against the service. @default [1, 8, 32] */
  concurrencies: number[];
  /** Timed requests per concurrency (after a warm-up of the same concurrency). @default 200 */
  requests: number;
  /** MobileNetV2 depth multiplier of the benchmarked model. @default 0.35 */
  depthMultiplier: number;
  /** Input side in pixels. @default 160 */
  imageSize: number;
  /** The service's batching: most images per batch and longest wait. @default 8 and 2 ms */
  maxBatchSize: number;
  maxQueueDelayMs: number;
  /** The service's --model-workers, one run each; 0 predicts on its main thread. @default [0, os.availableParallelism()] */
  modelWorkers: number[];
}

export function defaultServingBenchOptions(): ServingBenchOptions {
  return { concurrencies: [1, 8, 32], requests: 200, depthMultiplier: 0.35, imageSize: 160, maxBatchSize: 8, maxQueueDelayMs: 2, modelWorkers: [0, os.availableParallelism()] };
}

export interface LatencyFigures {
  /** Requests answered per second. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ServingBenchRow extends LatencyFigures {
  /** The service's --model-workers. */
  modelWorkers: number;
  concurrency: number;
  /** throughput / baseline throughput. */
  throughputRatio: number;
  /** throughput / the --model-workers=0 run's at the same concurrency, when that run is in the bench. */
  mainThreadRatio?: number;
}

export interface ServingBenchResult {
  model: string;
  /** In-process: decode + preprocess + predict of one image at a time, no gRPC, no batching. */
  baseline: LatencyFigures;
  rows: ServingBenchRow[];
}

function figures(latenciesMs: number[], seconds: number): LatencyFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { throughput: sorted.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** `count` calls spread over `concurrency` callers that each send the next as soon as one returns. */
async function drive(concurrency: number, count: number, call: () => Promise<unknown>): Promise<LatencyFigures> {
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
  return figures(latencies, (performance.now() - t0) / 1000);
}

export async function benchServing(options: Partial<ServingBenchOptions> = {}): Promise<ServingBenchResult> {
  const o = { ...defaultServingBenchOptions(), ...options };
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-serving-'));
  const labels = ['a', 'b', 'c', 'd', 'e'];
  try {
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    const trainDir = path.join(work, 'train');
    const datasetDir = path.join(work, 'dataset');
    await mkdir(datasetDir, { recursive: true });
    await writeFile(path.join(datasetDir, 'label.txt'), `${labels.join('\n')}\n`);
    await writeCheckpoint(trainDir, 1, labels, o.depthMultiplier);
    const repository = path.join(work, 'models');
    const exported = await exportModel({ trainDir, selection: { kind: 'newest' }, modelName: 'mobilenet_v2', datasetDir, imageSize: o.imageSize, repository, servedModelName: 'bench' });
    const images = await Promise.all(Array.from({ length: 16 }, (_, i) => testJpeg(256, i)));
    let next = 0;
    const image = () => images[next++ % images.length]!;

    // Baseline: the same model, the same preprocessing, in this process, one image at a time.
    const local = await loadModelVersion(exported.dir);
    const { imageSize, preprocessing } = local.metadata;
    const predictLocally = async () => {
      const input = await imageToInput(image(), { size: imageSize, preprocessing, maxPixels: 1e8, source: 'image' });
      const [logits] = await runLogits(local.model, [input], imageSize);
      return topPredictions(logits!, labels, 5);
    };
    await drive(1, 20, predictLocally);
    const baseline = await drive(1, o.requests, predictLocally);
    local.model.dispose();

    const rows: ServingBenchRow[] = [];
    for (const modelWorkers of o.modelWorkers) {
      const service = await startServiceProcess('inference', {
        args: [
          '--grpc-host=127.0.0.1',
          '--grpc-port=0',
          '--metrics-port=0',
          `--model-repository=${repository}`,
          '--poll-interval-secs=0',
          `--max-batch-size=${o.maxBatchSize}`,
          `--max-queue-delay-ms=${o.maxQueueDelayMs}`,
          `--model-workers=${modelWorkers}`,
        ],
        env: { FINETUNE_BACKEND: 'wasm' },
      });
      const contracts = loadContracts();
      const client = new contracts.finetune.inference.v1.InferenceService(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
      try {
        const classify = () => unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client, 'Classify', { image: image(), top_k: 5 });
        for (const concurrency of o.concurrencies) {
          await drive(concurrency, Math.max(20, concurrency * 2), classify);
          const f = await drive(concurrency, o.requests, classify);
          const mainThread = rows.find((r) => r.modelWorkers === 0 && r.concurrency === concurrency);
          rows.push({ modelWorkers, concurrency, ...f, throughputRatio: f.throughput / baseline.throughput, mainThreadRatio: mainThread && f.throughput / mainThread.throughput });
        }
      } finally {
        client.close();
        await service.stop();
      }
    }
    return { model: `mobilenet_v2 depth ${o.depthMultiplier} at ${o.imageSize}x${o.imageSize}, ${labels.length} classes, wasm`, baseline, rows };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The figures as lines for `npm run bench`. */
export function formatServingBench(r: ServingBenchResult): string[] {
  const row = (label: string, f: LatencyFigures, ratio?: number, mainThread?: number) =>
    `  ${label.padEnd(34)} ${f.throughput.toFixed(1).padStart(7)} images/s   p50 ${f.p50Ms.toFixed(1).padStart(6)} ms   p99 ${f.p99Ms.toFixed(1).padStart(6)} ms` +
    `${ratio === undefined ? '' : `   ${ratio.toFixed(2)}x baseline`}${mainThread === undefined ? '' : `   ${mainThread.toFixed(2)}x main thread`}`;
  const service = (workers: number) => (workers === 0 ? 'main thread' : `${workers} model worker${workers === 1 ? '' : 's'}`);
  return [
    `Classify (one image a call) over gRPC (loopback) vs in-process prediction; ${r.model}`,
    row('baseline (in-process, 1)', r.baseline),
    ...r.rows.map((x) => row(`${service(x.modelWorkers)}, concurrency ${x.concurrency}`, x, x.throughputRatio, x.mainThreadRatio)),
  ];
}
