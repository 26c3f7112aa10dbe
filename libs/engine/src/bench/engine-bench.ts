// Throughput of the engine on real nets: stock and engine single-thread predict, the parallel predictor (as trained and
// folded), and the three fine-tuning modes on one thread and over the workers as jobs run them, with peak memory. Ratios only hold
// within one run (the machines are noisy), so every figure here comes with its baseline from the same process.
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { getNet, openWeights, restoreVariables, trainableVariables, type Net, type NetOptions } from '@finetune/nets';
import { initBackend } from '../backend';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { FeatureCache } from '../training/feature-cache';
import { createTrainingSession } from '../training/training-session';
import { readNetWeights } from '../parallel/net-weights';
import { createParallelPredictor } from '../parallel/parallel-predictor';
import { createParallelTrainer, type ParallelStepTimes } from '../parallel/parallel-trainer';
import { startJobTrainer } from '../jobs/job-trainer';
import { wasmHeapBytes } from '../parallel/wasm-heap';
import { registerWasmGradients } from '../wasm/gradients/register-wasm-gradients';
import { withStockWasmKernels } from '../wasm/register-wasm-kernels';
import { NetWorkerPool } from '../parallel/worker-pool';
import { benchHeadFeatures, type HeadFeaturesBench } from './head-features-bench';

export type BenchNet = 'mobilenet_v2' | 'inception_v3';
export const BENCH_NETS: readonly BenchNet[] = ['mobilenet_v2', 'inception_v3'];

/** The reference's three fine-tuning modes; head only is timed on its first epoch and on cached epochs. */
export type BenchMode = 'head-first' | 'head-cached' | 'deeper' | 'everything';
export const BENCH_MODES: readonly BenchMode[] = ['head-first', 'head-cached', 'deeper', 'everything'];

/** --trainable_scopes of each mode ('' trains everything), as the reference's fine-tuning examples use them. */
const SCOPES: Record<BenchNet, { head: string; deeper: string }> = {
  mobilenet_v2: { head: 'MobilenetV2/Logits', deeper: 'MobilenetV2/expanded_conv_16,MobilenetV2/Conv_1,MobilenetV2/Logits' },
  inception_v3: { head: 'InceptionV3/Logits,InceptionV3/AuxLogits', deeper: 'InceptionV3/Mixed_7c,InceptionV3/Logits,InceptionV3/AuxLogits' },
};

/** The builtin (nsfwjs) checkpoints have 5 classes; the head is excluded and starts afresh anyway. */
const NUM_CLASSES = 5;
/** Small, so a long fine-tune from random images stays finite; the rate does not change the cost of a step. */
const LEARNING_RATE = 0.001;

export interface EngineBenchOptions {
  nets: BenchNet[];
  /** Square input size; undefined: each net's default (224, 299). */
  imageSize?: number;
  /** Images per batch; undefined: 32 for mobilenet_v2, 8 for inception_v3 (32 takes minutes per step there). */
  batch?: number;
  /**
   * Timed repetitions after one warm-up; the median (of two: the slower) is reported. @default 2 for
   * mobilenet_v2, 1 for inception_v3 (its full step alone takes over half a minute here)
   */
  runs?: number;
  /** @default 2 */
  workers: number;
  /**
   * Nets whose training is also timed on one thread (the session on the main thread), the baseline of the
   * data-parallel figures. @default ['mobilenet_v2'] (inception_v3's would add minutes)
   */
  singleThreadTraining: BenchNet[];
}

export function defaultEngineBenchOptions(): EngineBenchOptions {
  return { nets: [...BENCH_NETS], workers: 2, singleThreadTraining: ['mobilenet_v2'] };
}

/**
 * BENCH_SIZE, BENCH_BATCH, BENCH_RUNS, BENCH_WORKERS, and BENCH_NETS and BENCH_SINGLE_TRAINING (comma-separated
 * nets, `none` for none) over the defaults.
 */
export function engineBenchOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): EngineBenchOptions {
  const o = defaultEngineBenchOptions();
  const int = (name: string, min: number): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!(Number.isInteger(value) && value >= min)) throw new Error(`${name}=${raw}: an integer >= ${min} expected`);
    return value;
  };
  const nets = (name: string): BenchNet[] | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (raw === 'none') return [];
    const list = raw.split(',').map((n) => n.trim() as BenchNet);
    const unknown = list.find((n) => !BENCH_NETS.includes(n));
    if (unknown) throw new Error(`${name}: unknown net ${unknown}; known: ${BENCH_NETS.join(', ')}`);
    return list;
  };
  o.nets = nets('BENCH_NETS') ?? o.nets;
  o.singleThreadTraining = nets('BENCH_SINGLE_TRAINING') ?? o.singleThreadTraining;
  o.imageSize = int('BENCH_SIZE', 32);
  o.batch = int('BENCH_BATCH', 1);
  o.runs = int('BENCH_RUNS', 1) ?? o.runs;
  o.workers = int('BENCH_WORKERS', 1) ?? o.workers;
  return o;
}

export interface EngineBenchTiming {
  /** Median seconds per batch. */
  seconds: number;
  imagesPerSec: number;
  microBatch?: number;
  /**
   * Data-parallel only: the median share of a step outside the slowest worker's compute — shipping images and
   * gradients, summing them, the optimizer, broadcasting weights.
   */
  overhead?: number;
}

export interface EngineBenchResult {
  net: BenchNet;
  imageSize: number;
  batch: number;
  runs: number;
  workers: number;
  /** 1-minute load average before and after this net's figures (2 cores: above 2 means others were running). */
  load: [number, number];
  /** tfjs-layers predict on one thread with tfjs-backend-wasm's kernels as shipped: the baseline. */
  stockPredict: EngineBenchTiming;
  /** The same predict with the engine's kernel overrides: the single-thread inference pass a training step is weighed against. */
  enginePredict: EngineBenchTiming;
  /** The workers running the net as it trains (batch norms unfolded): the like-for-like baseline of a training step. */
  parallelPredictUnfolded: EngineBenchTiming;
  /** The workers as evaluation runs them: batch norms folded into the convolutions. */
  parallelPredict: EngineBenchTiming;
  singleThread: Partial<Record<BenchMode, EngineBenchTiming>>;
  parallel: Record<BenchMode, EngineBenchTiming>;
  /**
   * The inference pass each 'everything' step is weighed against, timed in the same rounds, alternating with the
   * steps (the machine's load drifts between sections): the engine's predict on this thread for the single-thread
   * step, the workers' unfolded predict for the data-parallel one.
   */
  stepBaselines: { singleThread?: EngineBenchTiming; parallel: EngineBenchTiming };
  /** Head-only epoch 1 as jobs run it, its frozen features from the engine's workers and from ONNX Runtime, timed alternately. */
  headFeatures: HeadFeaturesBench;
  memory: {
    /** Peak resident set of the whole process (all threads) so far. */
    peakRssBytes: number;
    /** Main thread's wasm heap after the single-thread modes (it never shrinks: their peak), per mode. */
    mainWasmHeapBytes: Partial<Record<BenchMode | 'predict', number>>;
    /** Each worker's wasm heap after all parallel modes. */
    workerWasmHeapBytes: number[];
  };
}

export async function benchEngine(options: Partial<EngineBenchOptions> = {}): Promise<EngineBenchResult[]> {
  const o = { ...defaultEngineBenchOptions(), ...options };
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  // The workers register them too; here they speed up the single-thread sessions, the baseline of the parallel ones.
  registerWasmGradients();
  const results: EngineBenchResult[] = [];
  for (const name of o.nets) {
    const cleanups: (() => Promise<void>)[] = [];
    try {
      results.push(await benchNet(name, o, cleanups));
    } finally {
      for (const cleanup of cleanups) await cleanup();
    }
  }
  return results;
}

/** `cleanups` receives what must be ended however the bench ends (worker pools kept across sections). */
async function benchNet(name: BenchNet, o: EngineBenchOptions, cleanups: (() => Promise<void>)[]): Promise<EngineBenchResult> {
  const netDef = getNet(name);
  const imageSize = o.imageSize ?? netDef.defaultImageSize;
  const batch = o.batch ?? (name === 'inception_v3' ? 8 : 32);
  const runs = o.runs ?? (name === 'inception_v3' ? 1 : 3);
  const netOptions: NetOptions = { numClasses: NUM_CLASSES, imageSize };
  const loadBefore = loadavg()[0] ?? 0;
  const net = netDef.build(netOptions);
  const source = await openWeights(`builtin:${name}`);
  try {
    await restoreVariables(net, source, { excludeScopes: netDef.headScopes, headScopes: netDef.headScopes });
  } finally {
    await source.close();
  }
  const weights = readNetWeights(net);
  const images = tf.tidy(() => tf.randomUniform([batch, imageSize, imageSize, 3], -1, 1, 'float32', 1).dataSync() as Float32Array);
  const labels = Int32Array.from({ length: batch }, (_, i) => i % NUM_CLASSES);
  const mainHeap: EngineBenchResult['memory']['mainWasmHeapBytes'] = {};
  const modes = ['head', 'deeper', 'everything'] as const;
  const names = Object.fromEntries(modes.map((mode) => [mode, trainedNames(net, name, mode)])) as Record<(typeof modes)[number], string[]>;

  const x = tf.tensor4d(images, [batch, imageSize, imageSize, 3]);
  // Stock and parallel runs alternate, so both see the same load from whatever else the machine runs.
  const predictor = await createParallelPredictor({ netName: name, netOptions, weights, workers: o.workers });
  const unfolded = await createParallelPredictor({ netName: name, netOptions, weights, workers: o.workers, foldBatchNorm: false });
  // Kept to the end: it is also the data-parallel step's baseline, timed alongside it.
  cleanups.push(() => unfolded.dispose());
  let stockPredict: EngineBenchTiming;
  let enginePredict: EngineBenchTiming;
  let parallelPredictUnfolded: EngineBenchTiming;
  let parallelPredict: EngineBenchTiming;
  const predictOnThisThread = () => tf.tidy(() => {
    const out = net.model.predict(x, { batchSize: batch }) as tf.Tensor | tf.Tensor[];
    (Array.isArray(out) ? out[0]! : out).dataSync();
  });
  try {
    [stockPredict, enginePredict, parallelPredictUnfolded, parallelPredict] = await timedPair(batch, runs, [
      async () => withStockWasmKernels(predictOnThisThread),
      async () => predictOnThisThread(),
      () => unfolded.predict(images, batch),
      () => predictor.predict(images, batch),
    ]);
  } finally {
    await predictor.dispose();
  }
  mainHeap.predict = wasmHeapBytes();

  const singleThread: EngineBenchResult['singleThread'] = {};
  const stepBaselines: Partial<EngineBenchResult['stepBaselines']> = {};
  if (o.singleThreadTraining.includes(name)) {
    for (const mode of modes) {
      const cache = mode === 'head' ? new FeatureCache() : undefined;
      const session = createTrainingSession({
        model: net.model,
        variables: net.variables,
        trainableNames: names[mode],
        optimizer: getOptimizer('rmsprop'),
        schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
        featureCache: cache,
      });
      try {
        const microBatch = session.microBatchFor(batch);
        if (mode === 'head') {
          let run = 0;
          singleThread['head-first'] = { ...(await timed(batch, runs, () => session.step(x, labels, { exampleIds: ids(run++, batch) }))), microBatch };
          singleThread['head-cached'] = { ...(await timed(batch, runs, () => session.stepFromCache(ids(0, batch), labels))), microBatch };
          mainHeap['head-first'] = wasmHeapBytes();
        } else {
          const [step, alongside] = await timedPair(batch, runs, [() => session.step(x, labels), async () => predictOnThisThread()]);
          singleThread[mode] = { ...step!, microBatch };
          if (mode === 'everything') stepBaselines.singleThread = alongside;
          mainHeap[mode] = wasmHeapBytes();
        }
      } finally {
        session.dispose();
        cache?.close();
      }
    }
  }
  // Head-only as jobs run it: the workers compute the frozen part's features, this thread trains the head on them.
  const parallel = {} as Record<BenchMode, EngineBenchTiming>;
  const headCache = new FeatureCache();
  const headJob = await startJobTrainer({
    net,
    netName: name,
    netOptions: { numClasses: NUM_CLASSES, imageSize },
    workers: o.workers,
    backend: 'wasm',
    featureRuntime: 'tfjs',
    trainableNames: names.head,
    optimizer: getOptimizer('rmsprop'),
    schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
    featureCache: headCache,
  });
  try {
    const microBatch = await headJob.microBatchFor(batch);
    let run = 0;
    parallel['head-first'] = { ...(await timed(batch, runs, () => headJob.step(images, batch, labels, { exampleIds: ids(run++, batch) }))), microBatch };
    parallel['head-cached'] = { ...(await timed(batch, runs, () => headJob.stepFromCache(ids(0, batch), labels))), microBatch };
  } finally {
    await headJob.dispose();
    headCache.close();
  }
  const headFeatures = await benchHeadFeatures({ net, netName: name, netOptions: { numClasses: NUM_CLASSES, imageSize }, workers: o.workers, images, labels, batch, runs, trainableNames: names.head, timedPair });
  x.dispose();
  net.model.dispose();

  const pool = await NetWorkerPool.start({ netName: name, netOptions, weights, workers: o.workers });
  let workerWasmHeapBytes: number[];
  try {
    for (const mode of ['deeper', 'everything'] as const) {
      const trainer = await createParallelTrainer({
        netName: name,
        netOptions,
        weights,
        pool,
        trainableNames: names[mode],
        optimizer: getOptimizer('rmsprop'),
        schedule: getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 }),
      });
      try {
        const alongside = mode === 'everything' ? () => unfolded.predict(images, batch) : undefined;
        const timing = await timedStep(batch, runs, () => trainer.step(images, batch, labels), () => trainer.lastStepTimes, alongside);
        parallel[mode] = timing.step;
        if (timing.alongside) stepBaselines.parallel = timing.alongside;
      } finally {
        await trainer.dispose();
      }
    }
    workerWasmHeapBytes = await pool.wasmHeapBytes();
  } finally {
    await pool.dispose();
  }
  return {
    net: name,
    imageSize,
    batch,
    runs,
    workers: o.workers,
    load: [loadBefore, loadavg()[0] ?? 0],
    stockPredict,
    enginePredict,
    parallelPredictUnfolded,
    parallelPredict,
    singleThread,
    parallel,
    stepBaselines: { ...stepBaselines, parallel: stepBaselines.parallel! },
    headFeatures,
    memory: { peakRssBytes: process.resourceUsage().maxRSS * 1024, mainWasmHeapBytes: mainHeap, workerWasmHeapBytes },
  };
}

/** Trainable variables of a mode, as run-training-job selects them (moving statistics are never trained). */
function trainedNames(net: Net, name: BenchNet, mode: 'head' | 'deeper' | 'everything'): string[] {
  const trainable = [...net.variables].filter(([, v]) => v.trainable).map(([n]) => n);
  return trainableVariables(trainable, mode === 'everything' ? undefined : SCOPES[name][mode]);
}

/** Fresh example ids per run, so every head-only first-epoch step computes the frozen part. */
function ids(run: number, batch: number): string[] {
  return Array.from({ length: batch }, (_, i) => `run${run}/${i}`);
}

async function timed(batch: number, runs: number, work: () => Promise<unknown>): Promise<EngineBenchTiming> {
  return (await timedPair(batch, runs, [work]))[0]!;
}

/**
 * Untimed rounds before the timed ones: the first runs of a graph compile kernels and grow the wasm heap, and a
 * training step only settles at its second or third run (MobileNetV2 224, every layer: 6.3 s, 4.6 s, then 3.7 s).
 */
export const WARM_UP_ROUNDS = 2;

/** Runs each of `works` in turn, WARM_UP_ROUNDS untimed rounds then `runs` timed rounds; the median seconds of each. */
async function timedPair(batch: number, runs: number, works: (() => Promise<unknown>)[]): Promise<EngineBenchTiming[]> {
  const seconds = works.map(() => [] as number[]);
  for (let i = 0; i < WARM_UP_ROUNDS + runs; i++) {
    for (const [k, work] of works.entries()) {
      const start = performance.now();
      await work();
      if (i >= WARM_UP_ROUNDS) seconds[k]!.push((performance.now() - start) / 1000);
    }
  }
  return seconds.map((list) => {
    list.sort((a, b) => a - b);
    const median = list[Math.floor(list.length / 2)] ?? Number.NaN;
    return { seconds: median, imagesPerSec: batch / median };
  });
}

/** A step's timing (with its share outside the workers) and, given `alongside`, that work's from the same rounds. */
async function timedStep(
  batch: number, runs: number, work: () => Promise<{ microBatch: number }>, times?: () => ParallelStepTimes | undefined, alongside?: () => Promise<unknown>,
): Promise<{ step: EngineBenchTiming; alongside?: EngineBenchTiming }> {
  let microBatch = 0;
  const overheads: number[] = [];
  const step = async () => {
    microBatch = (await work()).microBatch;
    const t = times?.();
    if (t) overheads.push(1 - Math.max(...t.workerSeconds) / t.seconds);
  };
  const [timing, other] = await timedPair(batch, runs, alongside ? [step, alongside] : [step]);
  overheads.sort((a, b) => a - b);
  return {
    step: { ...timing!, microBatch, ...(times ? { overhead: overheads[Math.floor(overheads.length / 2)] } : {}) },
    ...(other ? { alongside: other } : {}),
  };
}
