// Messages between a model worker pool (main thread) and each model worker: one request, one reply.
import type { ModelMetadata } from './model-metadata';

export interface ModelInitRequest {
  kind: 'init';
  /** The exported version folder; its checksums were verified on the main thread. */
  dir: string;
  metadata: ModelMetadata;
  /** The main thread's backend, so every worker computes exactly as it would. */
  backend: string;
}

export interface ModelPredictRequest {
  kind: 'predict';
  /** [count, size, size, 3] preprocessed images, packed. */
  images: Float32Array;
  count: number;
}

export type ModelWorkerRequest = ModelInitRequest | ModelPredictRequest;

export interface ModelInitReply {
  /** The backend the worker runs on. */
  backend: string;
  /** Milliseconds the load and the warm-up prediction took. */
  loadMs: number;
  warmUpMs: number;
}

export interface ModelPredictReply {
  /** [count, classes] packed. */
  logits: Float32Array;
}
