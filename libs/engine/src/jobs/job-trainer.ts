// What a training job steps, saves and resumes: the session on this thread, or the data-parallel trainer that
// splits each batch over engine workers, or the session fed the frozen prefix's features that ONNX Runtime (cached
// or, for augmented images, afresh every step) or the engine's workers compute. All compute the same update (up
// to the rounding of ONNX Runtime's features); the job does not care which it has.
import * as tf from '@tensorflow/tfjs';
import type { Net } from '@finetune/nets';
import type { ForwardRuntime } from '@finetune/onnx';
import { readNetWeights } from '../parallel/net-weights';
import { withMovingAverages } from './averaged-trainer';
import { cpuBudget } from '../parallel/cpu-budget';
import { startFeatureWorkers, type FeatureWorkers } from '../parallel/feature-workers';
import { createParallelTrainer } from '../parallel/parallel-trainer';
import { FeatureCache } from '../training/feature-cache';
import { startOnnxFeatures } from '../training/onnx-features';
import type { SplitSummary } from '../training/split-summary';
import { createTrainingSession, type StepOptions, type StepResult } from '../training/training-session';
import type { TrainingSessionOptions } from '../training/training-options';

export interface JobTrainer {
  readonly globalStep: number;
  readonly split: SplitSummary;
  /** Engine workers splitting each batch; 1: this thread computes. */
  readonly workers: number;
  /** 'onnx' when ONNX Runtime computes the frozen prefix; otherwise the engine does. */
  readonly frozenRuntime?: 'onnx';
  /** Examples per forward/backward pass for a batch of `batchSize` (per worker share). */
  microBatchFor(batchSize: number): Promise<number>;
  /** One optimizer step on `count` preprocessed images [count, size, size, 3]. */
  step(images: Float32Array, count: number, labels: Int32Array, options?: StepOptions): Promise<StepResult>;
  isCached(exampleIds: readonly string[]): boolean;
  stepFromCache(exampleIds: readonly string[], labels: Int32Array): Promise<StepResult>;
  /** Current values of the named variables of the net, after the last step; the caller owns the tensors. */
  variableValues(names: readonly string[]): Map<string, tf.Tensor>;
  /** Every variable, optimizer slot and global_step by its TF name; the caller owns the tensors. */
  exportState(): Map<string, tf.Tensor>;
  importState(state: ReadonlyMap<string, tf.Tensor>): Promise<void>;
  dispose(): Promise<void>;
}

export interface JobTrainerOptions extends Omit<TrainingSessionOptions, 'model' | 'variables'> {
  /** The net the job built and restored; its weights are what the workers start from. */
  net: Net;
  netName: string;
  netOptions: { numClasses: number; imageSize: number; depthMultiplier?: number };
  /** engineWorkers()'s answer: 1 trains on this thread. */
  workers: number;
  backend: 'wasm' | 'cpu';
  /**
   * What computes the frozen prefix of a head-only or deeper-only job (frozen batch norms in inference mode):
   * ONNX Runtime, its features cached or, without a cache (augmented images), computed every step; or the engine
   * (its workers, or data-parallel steps). @default 'onnx'
   */
  featureRuntime?: ForwardRuntime;
  /** ONNX Runtime intra-op threads of the frozen part. @default the process's CPU budget */
  onnxThreads?: number;
  /** --moving_average_decay: keep the moving averages of what trains (withMovingAverages). @default none */
  movingAverageDecay?: number;
}

export async function startJobTrainer(o: JobTrainerOptions): Promise<JobTrainer> {
  const trainer = await startTrainer(o);
  return o.movingAverageDecay === undefined ? trainer : withMovingAverages(trainer, o.movingAverageDecay);
}

async function startTrainer(o: JobTrainerOptions): Promise<JobTrainer> {
  const { net, netName, netOptions, workers, backend } = o;
  const session = sessionOptions(o);
  const onOnnx = (o.featureRuntime ?? 'onnx') === 'onnx';
  if (session.featureCache && onOnnx) return onnxHead(o, session.featureCache);
  const prefix = onOnnx && !session.featureCache && (session.frozenBatchNorm ?? 'inference') === 'inference' && !trainsEverything(o) ? await onnxPrefix(o) : undefined;
  if (prefix) return prefix;
  if (workers <= 1) return inThread(net, createTrainingSession({ ...session, model: net.model, variables: net.variables }));
  if (session.featureCache) return cachedHead(o, session.featureCache);
  // The parallel trainer has the same shape: it is a JobTrainer as it is.
  return createParallelTrainer({ ...session, netName, netOptions, weights: readNetWeights(net), variables: net.variables, workers, backend });
}

/** Every trainable variable trained: no frozen prefix, nothing for ONNX Runtime (and no session to build to learn it). */
function trainsEverything(o: JobTrainerOptions): boolean {
  return [...o.trainableNames].length >= [...o.net.variables.values()].filter((v) => v.trainable).length;
}

/** The training session's options among the job's: all but the net, the workers and the frozen part's runtime. */
function sessionOptions(o: JobTrainerOptions): Omit<TrainingSessionOptions, 'model' | 'variables'> {
  const { net: _net, netName: _netName, netOptions: _netOptions, workers: _workers, backend: _backend, featureRuntime: _runtime, onnxThreads: _threads, movingAverageDecay: _decay, ...session } = o;
  return session;
}

/**
 * With a feature cache (head-only: un-augmented, or --augmented_views views) the workers compute the frozen part's features of new examples
 * and this thread trains the small suffix from the cache: after the first epoch every step is a cached one, and a
 * cached step costs less than sending its gradients to and from workers would.
 */
async function cachedHead(o: JobTrainerOptions, featureCache: FeatureCache): Promise<JobTrainer> {
  const { net, netName, netOptions, workers, backend } = o;
  const options = sessionOptions(o);
  const features = await startFeatureWorkers({
    netName,
    netOptions,
    weights: readNetWeights(net),
    workers,
    backend,
    trainableNames: [...options.trainableNames],
    featureCache,
    frozenBatchNorm: options.frozenBatchNorm,
    memoryBudgetBytes: options.memoryBudgetBytes,
  });
  let session: JobTrainer;
  try {
    session = inThread(net, createTrainingSession({ ...options, model: net.model, variables: net.variables }));
  } catch (error) {
    await features.dispose();
    throw error;
  }
  return fromFeatures(net, session, features);
}

/**
 * The same with ONNX Runtime computing the frozen part on its own threads (about 5x the engine on a CPU): the net up
 * to the session's boundary as an ONNX graph; the trainable part stays on tfjs, on this thread.
 */
async function onnxHead(o: JobTrainerOptions, featureCache: FeatureCache): Promise<JobTrainer>;
async function onnxHead(o: JobTrainerOptions, featureCache: FeatureCache, when: { needsPrefix: true }): Promise<JobTrainer | undefined>;
async function onnxHead(o: JobTrainerOptions, featureCache: FeatureCache, when?: { needsPrefix: true }): Promise<JobTrainer | undefined> {
  const net = o.net;
  const session = inThread(net, createTrainingSession({ ...sessionOptions(o), model: net.model, variables: net.variables }));
  if (when?.needsPrefix && session.split.frozenLayers.length === 0) {
    await session.dispose();
    return undefined;
  }
  let features: FeatureWorkers;
  try {
    features = await startOnnxFeatures({ model: net.model, boundary: session.split.boundary.map((b) => b.name), featureCache, threads: o.onnxThreads ?? cpuBudget() });
  } catch (error) {
    await session.dispose();
    throw error;
  }
  return fromFeatures(net, session, features, 'onnx');
}

/**
 * Steps whose images change every time (augmented) with the frozen prefix on ONNX Runtime: each batch's features
 * pass through a scratch cache emptied after its step. Undefined when nothing is frozen (no prefix to run).
 */
async function onnxPrefix(o: JobTrainerOptions): Promise<JobTrainer | undefined> {
  const scratch = new FeatureCache();
  let trainer: JobTrainer;
  try {
    const head = await onnxHead({ ...o, featureCache: scratch }, scratch, { needsPrefix: true });
    if (!head) {
      scratch.close();
      return undefined;
    }
    trainer = head;
  } catch (error) {
    scratch.close();
    throw error;
  }
  let steps = 0;
  return {
    ...trainer,
    get globalStep() {
      return trainer.globalStep;
    },
    async step(images, count, labels) {
      // The scratch cache's own ids: the pipeline's would name the example, not this augmented view of it.
      const exampleIds = Array.from({ length: count }, (_, i) => `step${steps}/${i}`);
      steps++;
      try {
        return await trainer.step(images, count, labels, { exampleIds });
      } finally {
        scratch.clear();
      }
    },
    isCached: () => false,
    async dispose() {
      await trainer.dispose();
      scratch.close();
    },
  };
}

/** A trainer whose new examples get their features from `features` and whose every step trains from the cache. */
function fromFeatures(net: Net, session: JobTrainer, features: FeatureWorkers, frozenRuntime?: 'onnx'): JobTrainer {
  return {
    ...session,
    get globalStep() {
      return session.globalStep;
    },
    workers: features.workers,
    ...(frozenRuntime && { frozenRuntime }),
    async step(images, count, labels, stepOptions = {}) {
      const ids = stepOptions.exampleIds;
      if (!ids) return session.step(images, count, labels, stepOptions);
      const started = performance.now();
      if (!session.isCached(ids)) await features.cache(images, count, ids);
      const waited = (performance.now() - started) / 1000;
      const result = await session.stepFromCache(ids, labels);
      return { ...result, ...(result.parts && { parts: { ...result.parts, frozenSeconds: result.parts.frozenSeconds + waited } }) };
    },
    async importState(state) {
      await session.importState(state);
      // The frozen part may have changed with it: features are computed from the net as restored.
      await features.load(readNetWeights(net));
    },
    async dispose() {
      await session.dispose();
      await features.dispose();
    },
  };
}

function inThread(net: Net, session: ReturnType<typeof createTrainingSession>): JobTrainer {
  const [, height, width, channels] = net.model.inputs[0]!.shape;
  return {
    get globalStep() {
      return session.globalStep;
    },
    split: session.split,
    workers: 1,
    microBatchFor: async (batchSize) => session.microBatchFor(batchSize),
    async step(images, count, labels, options) {
      const x = tf.tensor4d(images, [count, height ?? 0, width ?? 0, channels ?? 3]);
      try {
        return await session.step(x, labels, options);
      } finally {
        x.dispose();
      }
    },
    isCached: (ids) => session.isCached(ids),
    stepFromCache: (ids, labels) => session.stepFromCache(ids, labels),
    variableValues: (names) => new Map(names.map((name) => [name, variableOf(net, name).read().clone()])),
    exportState: () => session.exportState(),
    importState: async (state) => session.importState(state),
    dispose: async () => session.dispose(),
  };
}

function variableOf(net: Net, name: string): tf.LayerVariable {
  const variable = net.variables.get(name);
  if (!variable) throw new Error(`internal: the net has no variable ${name}`);
  return variable;
}
