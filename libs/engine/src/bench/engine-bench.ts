// Throughput of the engine on real nets: stock and engine single-thread predict, the parallel predictor (as trained and
// folded), and the three fine-tuning modes on one thread and over the workers as jobs run them, with peak memory. Ratios only hold
// within one run (the machines are noisy), so every figure here comes with its baseline from the same process.
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { BUILTIN_PREFIX, builtinPreprocessing, getNet, openWeights, restoreVariables, trainableVariables, type Net, type NetOptions } from '@finetune/nets';
import { initBackend } from '../backend';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { getSchedule } from '../schedules/schedules-factory';
import { FeatureCache } from '../training/feature-cache';
import { createTrainingSession } from '../training/training-session';
import { readNetWeights } from '../parallel/net-weights';
import { createParallelPredictor } from '../parallel/parallel-predictor';
import { createParallelTrainer } from '../parallel/parallel-trainer';
import { startJobTrainer } from '../jobs/job-trainer';
import { wasmHeapBytes } from '../parallel/wasm-heap';
import { registerWasmGradients } from '../wasm/gradients/register-wasm-gradients';
import { withStockWasmKernels } from '../wasm/register-wasm-kernels';
import { NetWorkerPool } from '../parallel/worker-pool';
import { benchHeadFeatures, type HeadFeaturesBench } from './head-features-bench';
import { benchRounds, benchScopes, type BenchNet } from './bench-nets';
import { timed, timedStep, timedTogether, type EngineBenchTiming } from './bench-timing';

import { BATCH_32, defaultEngineBenchOptions, type EngineBenchOptions } from './engine-bench-options';

export { BENCH_NETS, type BenchNet } from './bench-nets';
export { BATCH_32, defaultEngineBenchOptions, engineBenchOptionsFromEnv, type EngineBenchOptions } from './engine-bench-options';
export { WARM_UP_ROUNDS, type EngineBenchTiming } from './bench-timing';

/** The reference's three fine-tuning modes; head only is timed on its first epoch and on cached epochs. */
export type BenchMode = 'head-first' | 'head-cached' | 'deeper' | 'everything';
export const BENCH_MODES: readonly BenchMode[] = ['head-first', 'head-cached', 'deeper', 'everything'];

/** The builtin (nsfwjs) checkpoints have 5 classes; the head is excluded and starts afresh anyway. */
const NUM_CLASSES = 5;
/** Small, so a long fine-tune from random images stays finite; the rate does not change the cost of a step. */
const LEARNING_RATE = 0.001;

export interface EngineBenchResult {
  net: BenchNet;
  imageSize: number;
  batch: number;
  runs: number;
  warmUps: number;
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
    /**
     * Main thread's wasm heap after the single-thread modes (it never shrinks: their peak), per mode, and after
     * the data-parallel ones, whose optimizer runs there (`data-parallel`).
     */
    mainWasmHeapBytes: Partial<Record<BenchMode | 'predict' | 'data-parallel', number>>;
    /** Each worker's wasm heap after all parallel modes. */
    workerWasmHeapBytes: number[];
  };
  /** One every-layer data-parallel step at batch 32 (batch32Training nets): its time and the heaps after, or why it failed. */
  batch32?: { batch: number } & ({ seconds: number; workerWasmHeapBytes: number[] } | { error: string });
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
  const rounds = benchRounds(name, o);
  const { batch } = rounds;
  const netOptions: NetOptions = { numClasses: NUM_CLASSES, imageSize };
  const loadBefore = loadavg()[0] ?? 0;
  const net = netDef.build(netOptions);
  // The nets without builtin weights keep their random ones: a step costs the same.
  if (builtinPreprocessing(BUILTIN_PREFIX + name) !== undefined) {
    const source = await openWeights(`${BUILTIN_PREFIX}${name}`);
    try {
      await restoreVariables(net, source, { excludeScopes: netDef.headScopes, headScopes: netDef.headScopes });
    } finally {
      await source.close();
    }
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
    [stockPredict, enginePredict, parallelPredictUnfolded, parallelPredict] = await timedTogether(rounds, [
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
        schedule: fixedSchedule(),
        featureCache: cache,
      });
      try {
        const microBatch = session.microBatchFor(batch);
        if (mode === 'head') {
          let run = 0;
          singleThread['head-first'] = { ...(await timed(rounds, () => session.step(x, labels, { exampleIds: ids(run++, batch) }))), microBatch };
          singleThread['head-cached'] = { ...(await timed(rounds, () => session.stepFromCache(ids(0, batch), labels))), microBatch };
          mainHeap['head-first'] = wasmHeapBytes();
        } else {
          const [step, alongside] = await timedTogether(rounds, [() => session.step(x, labels), async () => predictOnThisThread()]);
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
    schedule: fixedSchedule(),
    featureCache: headCache,
  });
  try {
    const microBatch = await headJob.microBatchFor(batch);
    let run = 0;
    parallel['head-first'] = { ...(await timed(rounds, () => headJob.step(images, batch, labels, { exampleIds: ids(run++, batch) }))), microBatch };
    parallel['head-cached'] = { ...(await timed(rounds, () => headJob.stepFromCache(ids(0, batch), labels))), microBatch };
  } finally {
    await headJob.dispose();
    headCache.close();
  }
  const headFeatures = await benchHeadFeatures({ net, netName: name, netOptions: { numClasses: NUM_CLASSES, imageSize }, workers: o.workers, images, labels, rounds, trainableNames: names.head });
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
        schedule: fixedSchedule(),
      });
      try {
        const alongside = mode === 'everything' ? () => unfolded.predict(images, batch) : undefined;
        const timing = await timedStep(rounds, () => trainer.step(images, batch, labels), () => trainer.lastStepTimes, alongside);
        parallel[mode] = timing.step;
        if (timing.alongside) stepBaselines.parallel = timing.alongside;
      } finally {
        await trainer.dispose();
      }
    }
    workerWasmHeapBytes = await pool.wasmHeapBytes();
    mainHeap['data-parallel'] = wasmHeapBytes();
  } finally {
    await pool.dispose();
  }
  const batch32 = o.batch32Training.includes(name) ? await stepAtBatch32(name, netOptions, weights, o.workers, names.everything) : undefined;
  return {
    net: name,
    imageSize,
    batch,
    runs: rounds.runs,
    warmUps: rounds.warmUps,
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
    ...(batch32 && { batch32 }),
  };
}

/** One every-layer step at batch 32 on fresh workers (micro-batches as the trainer picks them), no warm-up. */
async function stepAtBatch32(
  name: BenchNet, netOptions: NetOptions, weights: ReturnType<typeof readNetWeights>, workers: number, trainableNames: string[],
): Promise<EngineBenchResult['batch32']> {
  const size = netOptions.imageSize ?? getNet(name).defaultImageSize;
  const images = tf.tidy(() => tf.randomUniform([BATCH_32, size, size, 3], -1, 1, 'float32', 2).dataSync() as Float32Array);
  const labels = Int32Array.from({ length: BATCH_32 }, (_, i) => i % NUM_CLASSES);
  const pool = await NetWorkerPool.start({ netName: name, netOptions, weights, workers });
  try {
    const trainer = await createParallelTrainer({ netName: name, netOptions, weights, pool, trainableNames, optimizer: getOptimizer('rmsprop'), schedule: fixedSchedule() });
    try {
      const start = performance.now();
      await trainer.step(images, BATCH_32, labels);
      return { batch: BATCH_32, seconds: (performance.now() - start) / 1000, workerWasmHeapBytes: await pool.wasmHeapBytes() };
    } finally {
      await trainer.dispose();
    }
  } catch (error) {
    return { batch: BATCH_32, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await pool.dispose();
  }
}

function fixedSchedule() {
  return getSchedule('fixed', { learningRate: LEARNING_RATE, batchSize: 1, numSamplesPerEpoch: 1 });
}

/** Trainable variables of a mode, as run-training-job selects them (moving statistics are never trained). */
function trainedNames(net: Net, name: BenchNet, mode: 'head' | 'deeper' | 'everything'): string[] {
  const trainable = [...net.variables].filter(([, v]) => v.trainable).map(([n]) => n);
  return trainableVariables(trainable, benchScopes(name, mode));
}

/** Fresh example ids per run, so every head-only first-epoch step computes the frozen part. */
function ids(run: number, batch: number): string[] {
  return Array.from({ length: batch }, (_, i) => `run${run}/${i}`);
}
