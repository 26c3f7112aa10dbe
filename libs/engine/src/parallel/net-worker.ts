// Entry of one engine worker: its own wasm backend and its own copy of the net; predicts and computes gradients.
import * as tf from '@tensorflow/tfjs';
import { serveRequests } from '@finetune/runtime/worker-requests';
import { foldBatchNorm, getNet, type Net } from '@finetune/nets';
import { initBackend } from '../backend';
import { weightShortName } from '../training/batch-norm-spec';
import { FeatureCache } from '../training/feature-cache';
import { createTrainingSession, type StepResult, type TrainingSession } from '../training/training-session';
import { registerWasmGradients } from '../wasm/gradients/register-wasm-gradients';
import { GradientCapture } from './gradient-capture';
import { writeNetWeights } from './net-weights';
import { wasmHeapBytes } from './wasm-heap';
import {
  buffersOf,
  type InitReply,
  type InitRequest,
  type FeaturesReply,
  type FeaturesRequest,
  type MemoryReply,
  type MicroBatchReply,
  type PredictReply,
  type PredictRequest,
  type TrainInitReply,
  type TrainInitRequest,
  type TrainStepReply,
  type TrainStepRequest,
  type WorkerRequest,
} from './worker-protocol';

interface Loaded {
  net: Net;
  /** The net cut at its first output: inference needs no aux logits. */
  logitsModel: tf.LayersModel;
  /**
   * `logitsModel` for inference only: batch norms folded into the convolutions (MobileNetV2 224 predict ~2x
   * faster on wasm). Built at the first folded predict, disposed by every write; training runs the net.
   */
  folded?: tf.LayersModel;
  /** [height, width, channels] of one image. */
  imageShape: number[];
}

interface Training {
  session: TrainingSession;
  capture: GradientCapture;
  /** Holds one step's boundary activations only: the long-lived cache is the main thread's. */
  scratch?: FeatureCache;
  statistics: tf.LayerVariable[];
  boundaryShapes: number[][];
}

type Handled = { result: unknown; transfer: ArrayBuffer[] };

let loaded: Loaded | undefined;
let training: Training | undefined;
// Requests run one at a time, in order: a write must land before the next step reads the weights.
serveRequests<WorkerRequest>('net-worker.ts (see NetWorkerPool)', handle);

async function handle(request: WorkerRequest): Promise<Handled> {
  switch (request.kind) {
    case 'init':
      return init(request);
    case 'predict':
      return predict(request);
    case 'train-init':
      return trainInit(request);
    case 'train-step':
      return trainStep(request);
    case 'features':
      return features(request);
    case 'micro-batch': {
      if (!training) throw new Error('internal: micro-batch before train-init');
      const result: MicroBatchReply = { microBatch: training.session.microBatchFor(request.batchSize) };
      return { result, transfer: [] };
    }
    case 'write':
      writeNetWeights(need().net, request.weights, 'the weights from the main thread', false);
      dropFolded();
      return { result: null, transfer: [] };
    case 'memory':
      return { result: { wasmHeapBytes: wasmHeapBytes() } satisfies MemoryReply, transfer: [] };
  }
}

async function init(request: InitRequest): Promise<Handled> {
  await initBackend({ env: { FINETUNE_BACKEND: request.backend } });
  // Training on wasm is ~2.4x faster with these (MobileNetV2 224, batch 8: 15.3 s -> 6.4 s a step).
  if (request.backend === 'wasm') registerWasmGradients();
  const net = getNet(request.netName).build(request.netOptions);
  writeNetWeights(net, request.weights, 'the weights from the main thread', true);
  const logitsModel = tf.model({ inputs: net.model.inputs, outputs: net.model.outputs[0]!, name: `${net.model.name}_logits` });
  const imageShape = net.model.inputs[0]!.shape.slice(1).map((d) => d ?? 1);
  dropFolded();
  loaded = { net, logitsModel, imageShape };
  return { result: { wasmHeapBytes: wasmHeapBytes() } satisfies InitReply, transfer: [] };
}

function need(): Loaded {
  if (!loaded) throw new Error('internal: the worker got a request before init');
  return loaded;
}

async function predict(request: PredictRequest): Promise<Handled> {
  const { imageShape, logitsModel } = need();
  const model = request.foldBatchNorm ? await foldedModel() : logitsModel;
  const logits = tf.tidy(() => {
    const images = tf.tensor(request.images, [request.count, ...imageShape], 'float32');
    return ((model.predict(images, { batchSize: request.microBatch }) as tf.Tensor).dataSync() as Float32Array).slice();
  });
  const result: PredictReply = { logits, classes: logits.length / request.count };
  return { result, transfer: buffersOf([logits]) };
}

/** The folded logits model, folding the current weights if no predict has since init or the last write. */
async function foldedModel(): Promise<tf.LayersModel> {
  const current = need();
  current.folded ??= (await foldBatchNorm(current.logitsModel)).model;
  return current.folded;
}

/** A write leaves the folded copy with stale weights: the next predict folds again. */
function dropFolded(): void {
  loaded?.folded?.dispose();
  if (loaded) loaded.folded = undefined;
}

function trainInit(request: TrainInitRequest): Handled {
  const { net } = need();
  training?.session.dispose();
  training?.scratch?.close();
  const o = request.options;
  const capture = new GradientCapture();
  const scratch = o.returnBoundary ? new FeatureCache() : undefined;
  const session = createTrainingSession({
    model: net.model,
    variables: net.variables,
    trainableNames: o.trainableNames,
    optimizer: capture,
    // The main thread applies the learning rate and weight decay to the summed gradients.
    schedule: { name: 'fixed', rateAt: () => 0 },
    weightDecay: 0,
    labelSmoothing: o.labelSmoothing,
    classWeights: o.classWeights,
    auxLossWeight: o.auxLossWeight,
    microBatch: o.microBatch,
    memoryBudgetBytes: o.memoryBudgetBytes,
    frozenBatchNorm: o.frozenBatchNorm,
    trainedBatchNorm: o.trainedBatchNorm,
    batchNormDecay: o.batchNormDecay,
    featureCache: scratch,
  });
  const statistics = updatedStatistics(net, session, o.frozenBatchNorm === 'batch-statistics');
  const names = new Map([...net.variables].map(([name, v]) => [v, name]));
  training = { session, capture, scratch, statistics, boundaryShapes: session.split.boundary.map((b) => b.shape) };
  const result: TrainInitReply = {
    trained: [...capture.parameterNames],
    shapes: capture.parameterNames.map((name) => net.variables.get(name)!.shape as number[]),
    statistics: statistics.map((v) => names.get(v) ?? v.name),
    boundaryShapes: training.boundaryShapes,
    split: session.split,
    variableShapes: [...net.variables].map(([name, v]) => [name, v.shape as number[]]),
  };
  return { result, transfer: [] };
}

/** Moving averages a step may change: batch norms in the trained suffix, or all of them with batch statistics. */
function updatedStatistics(net: Net, session: TrainingSession, everyLayer: boolean): tf.LayerVariable[] {
  const suffix = new Set(session.split.trainableLayers);
  const inNet = new Set(net.variables.values());
  return net.model.layers
    .filter((layer) => everyLayer || suffix.has(layer.name))
    .flatMap((layer) => layer.weights)
    .filter((w) => inNet.has(w) && (weightShortName(w) === 'moving_mean' || weightShortName(w) === 'moving_variance'));
}

async function trainStep(request: TrainStepRequest): Promise<Handled> {
  const started = performance.now();
  const { imageShape } = need();
  if (!training) throw new Error('internal: train-step before train-init');
  const { session, capture, scratch, statistics, boundaryShapes } = training;
  const perExample = boundaryShapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  const ids = request.ids;
  let step: StepResult;
  let boundary: Float32Array[] | undefined;
  try {
    if (request.boundary) {
      if (!scratch || !ids) throw new Error('internal: cached boundary sent without a feature cache or ids');
      const packed = request.boundary;
      ids.forEach((id, i) => scratch.put(id, packed.map((all, k) => all.subarray(i * perExample[k]!, (i + 1) * perExample[k]!))));
      step = await session.stepFromCache(ids, request.labels);
    } else {
      const images = tf.tensor4d(request.images ?? new Float32Array(0), [request.count, imageShape[0]!, imageShape[1]!, imageShape[2]!], 'float32');
      try {
        step = await session.step(images, request.labels, { exampleIds: scratch ? ids : undefined });
      } finally {
        images.dispose();
      }
      if (scratch && ids) boundary = packBoundary(scratch, ids, perExample);
    }
  } finally {
    scratch?.clear();
  }
  const result: TrainStepReply = {
    gradients: capture.take(),
    crossEntropy: step.crossEntropy,
    auxLoss: step.auxLoss,
    microBatch: step.microBatch,
    statistics: statistics.map((v) => (v.read().dataSync() as Float32Array).slice()),
    boundary,
    seconds: (performance.now() - started) / 1000,
  };
  return { result, transfer: buffersOf([...result.gradients, ...result.statistics, ...(boundary ?? [])]) };
}

async function features(request: FeaturesRequest): Promise<Handled> {
  const started = performance.now();
  const { imageShape } = need();
  const scratch = training?.scratch;
  if (!training || !scratch) throw new Error('internal: features before a train-init that returns the boundary');
  const perExample = training.boundaryShapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  const images = tf.tensor4d(request.images, [request.count, imageShape[0]!, imageShape[1]!, imageShape[2]!], 'float32');
  try {
    await training.session.cacheFeatures(images, request.ids);
    const boundary = packBoundary(scratch, request.ids, perExample);
    const result: FeaturesReply = { boundary, seconds: (performance.now() - started) / 1000 };
    return { result, transfer: buffersOf(boundary) };
  } finally {
    images.dispose();
    scratch.clear();
  }
}

function packBoundary(cache: FeatureCache, ids: readonly string[], perExample: readonly number[]): Float32Array[] {
  return perExample.map((per, k) => {
    const packed = new Float32Array(per * ids.length);
    ids.forEach((id, i) => {
      const arrays = cache.get(id);
      if (!arrays?.[k]) throw new Error(`internal: the step did not cache the boundary of ${id}`);
      packed.set(arrays[k], i * per);
    });
    return packed;
  });
}
