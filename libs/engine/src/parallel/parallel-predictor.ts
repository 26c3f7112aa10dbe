// Inference on every core: a batch is split across the pool's workers and their logits are concatenated in order.
import { getNet } from '@finetune/nets';
import { InvalidBatchError } from '../training/training-errors';
import { batchShares } from './batch-shares';
import { ParallelOptionError } from './parallel-errors';
import { NetWorkerPool, type NetWorkerPoolOptions } from './worker-pool';
import { buffersOf, type PredictReply } from './worker-protocol';

/** Images per forward pass in a worker: smaller passes keep activations in cache, larger ones pay less per op. */
export const PREDICT_MICRO_BATCH = 16;

export interface ParallelPredictorOptions extends NetWorkerPoolOptions {
  /** @default PREDICT_MICRO_BATCH */
  microBatch?: number;
  /**
   * Predict with a copy of the net whose batch norms are folded into the convolutions: ~2x faster on wasm,
   * logits within ~1e-5 of the net's own. Off runs the graph training runs (the bench's like-for-like baseline).
   * @default true
   */
  foldBatchNorm?: boolean;
}

export interface ParallelPredictor {
  readonly workers: number;
  /** Square input size in pixels. */
  readonly imageSize: number;
  /**
   * Logits [count, classes] row-major for `count` preprocessed images [count, size, size, 3]. `images` stays
   * the caller's (each worker gets a copy of its share). With foldBatchNorm (the default), logits match the net's
   * own predict within ~1e-5, not bit for bit.
   */
  predict(images: Float32Array, count: number): Promise<Float32Array>;
  /** Replaces the net's weights in every worker (e.g. the next checkpoint of the same net): no new workers. */
  load(weights: ReadonlyMap<string, Float32Array>): Promise<void>;
  /** Bytes of each worker's wasm heap. */
  wasmHeapBytes(): Promise<number[]>;
  /** Ends the workers. */
  dispose(): Promise<void>;
}

export async function createParallelPredictor(options: ParallelPredictorOptions): Promise<ParallelPredictor> {
  const imageSize = options.netOptions.imageSize ?? getNet(options.netName).defaultImageSize;
  const microBatch = options.microBatch ?? PREDICT_MICRO_BATCH;
  if (!(Number.isInteger(microBatch) && microBatch >= 1)) throw new ParallelOptionError('microBatch', `${microBatch} must be an integer >= 1`);
  const pool = await NetWorkerPool.start(options);
  return new Predictor(pool, imageSize, microBatch, options.foldBatchNorm ?? true);
}

class Predictor implements ParallelPredictor {
  constructor(
    private readonly pool: NetWorkerPool,
    readonly imageSize: number,
    private readonly microBatch: number,
    private readonly foldBatchNorm: boolean,
  ) {}

  get workers(): number {
    return this.pool.size;
  }

  async predict(images: Float32Array, count: number): Promise<Float32Array> {
    const perImage = this.imageSize * this.imageSize * 3;
    if (!(Number.isInteger(count) && count >= 1)) throw new InvalidBatchError('count', `${count} must be an integer >= 1`);
    if (images.length !== count * perImage) {
      throw new InvalidBatchError('images', `${images.length} values for ${count} images of ${this.imageSize}x${this.imageSize}x3 (${count * perImage} expected)`);
    }
    const replies = await Promise.all(
      batchShares(count, this.pool.size).map((share) => {
        const part = images.slice(share.start * perImage, (share.start + share.count) * perImage);
        return this.pool.request<PredictReply>(share.worker, { kind: 'predict', images: part, count: share.count, microBatch: this.microBatch, foldBatchNorm: this.foldBatchNorm }, buffersOf([part]));
      }),
    );
    const classes = replies[0]?.classes ?? 0;
    const logits = new Float32Array(count * classes);
    let at = 0;
    for (const reply of replies) {
      logits.set(reply.logits, at);
      at += reply.logits.length;
    }
    return logits;
  }

  load(weights: ReadonlyMap<string, Float32Array>): Promise<void> {
    return this.pool.write(weights);
  }

  wasmHeapBytes(): Promise<number[]> {
    return this.pool.wasmHeapBytes();
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}
