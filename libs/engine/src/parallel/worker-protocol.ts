// Messages between the engine's worker pool (main thread) and each engine worker: one request, one reply.
import type { NetOptions } from '@finetune/nets';
import type { FrozenBatchNorm } from '../training/split-plan';
import type { SplitSummary } from '../training/split-summary';

/** Weights by TF-Slim variable name; arrays are row-major float32. */
export type WeightList = [name: string, values: Float32Array][];

export interface InitRequest {
  kind: 'init';
  netName: string;
  netOptions: NetOptions;
  /** Every variable the net has; a missing one is an error (a worker must equal the caller's net). */
  weights: WeightList;
  /** @default 'wasm' */
  backend: 'wasm' | 'cpu';
}

export interface PredictRequest {
  kind: 'predict';
  /** [count, size, size, 3] preprocessed images. */
  images: Float32Array;
  count: number;
  /** Images per forward pass inside the worker. */
  microBatch: number;
  /** Run the copy with batch norms folded into the convolutions (faster), or the net as it trains. */
  foldBatchNorm: boolean;
}

/** The options of the worker's training session that are plain values (functions stay on the main thread). */
export interface WorkerTrainingOptions {
  trainableNames: string[];
  labelSmoothing?: number;
  classWeights?: number[];
  auxLossWeight?: number;
  microBatch?: number | 'auto';
  memoryBudgetBytes?: number;
  frozenBatchNorm?: FrozenBatchNorm;
  trainedBatchNorm?: FrozenBatchNorm;
  batchNormDecay?: number;
  /** Return the frozen prefix's output per example, for the main thread's feature cache. */
  returnBoundary: boolean;
}

export interface TrainInitRequest {
  kind: 'train-init';
  options: WorkerTrainingOptions;
}

/** Gradients of one share of a batch: from images, or from cached boundary activations. */
export interface TrainStepRequest {
  kind: 'train-step';
  count: number;
  labels: Int32Array;
  images?: Float32Array;
  /** Per boundary tensor: [count, ...per-example shape] packed, from the main thread's feature cache. */
  boundary?: Float32Array[];
  /** Example ids; needed with `boundary` and when the boundary is to be returned. */
  ids?: string[];
}

/** The frozen part's output for a share of a batch, for a trainer elsewhere to cache (needs returnBoundary). */
export interface FeaturesRequest {
  kind: 'features';
  count: number;
  images: Float32Array;
  ids: string[];
}

export interface FeaturesReply {
  /** Per boundary tensor, [count, ...per-example shape] packed. */
  boundary: Float32Array[];
  /** Seconds the worker spent on this request. */
  seconds: number;
}

/** The micro-batch the worker's session would use for a share of `batchSize` examples. */
export interface MicroBatchRequest {
  kind: 'micro-batch';
  batchSize: number;
}

export interface WriteRequest {
  kind: 'write';
  weights: WeightList;
}

export interface MemoryRequest {
  kind: 'memory';
}

export type WorkerRequest = InitRequest | PredictRequest | TrainInitRequest | TrainStepRequest | FeaturesRequest | MicroBatchRequest | WriteRequest | MemoryRequest;

export interface InitReply {
  /** Bytes of the worker's wasm heap after building the net (0 on other backends). */
  wasmHeapBytes: number;
}

export interface PredictReply {
  logits: Float32Array;
  classes: number;
}

export interface TrainInitReply {
  /** Trained variable names in gradient order. */
  trained: string[];
  /** Their shapes. */
  shapes: number[][];
  /** Moving statistics the worker's steps update (trained batch norms), in the order they are returned. */
  statistics: string[];
  /** Per-example shapes of the boundary tensors. */
  boundaryShapes: number[][];
  /** What the worker's session trains and freezes (the same in every worker). */
  split: SplitSummary;
  /** Shape of every variable of the net, trained or not, by TF-Slim name. */
  variableShapes: [name: string, shape: number[]][];
}

export interface MicroBatchReply {
  microBatch: number;
}

export interface TrainStepReply {
  /** Mean gradient over this share, in TrainInitReply.trained order, without weight decay. */
  gradients: Float32Array[];
  /** This share's mean cross-entropy and weighted aux loss. */
  crossEntropy: number;
  auxLoss: number;
  microBatch: number;
  /** Values of TrainInitReply.statistics after this share's moving-average update. */
  statistics: Float32Array[];
  /** With returnBoundary and images: per boundary tensor, [count, ...shape] packed. */
  boundary?: Float32Array[];
  /** Seconds the worker spent on this request, copying in and out included. */
  seconds: number;
}

export interface MemoryReply {
  wasmHeapBytes: number;
}

/** The buffers of `arrays`, for postMessage's transfer list. */
export function buffersOf(arrays: readonly (Float32Array | Int32Array | undefined)[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer && !buffers.includes(a.buffer)) buffers.push(a.buffer);
  return buffers;
}
