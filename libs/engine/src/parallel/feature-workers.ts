// The frozen part of a net on every core: each worker computes the features of its share of a batch and the main
// thread caches them. Head-only jobs use it for their first epoch; after that every step trains on the cache, on
// the main thread, where a step costs milliseconds and sending gradients to and fro would cost more.
import type { FeatureCache } from '../training/feature-cache';
import type { FrozenBatchNorm } from '../training/split-plan';
import { InvalidBatchError, InvalidTrainingOptionError } from '../training/training-errors';
import { batchShares } from './batch-shares';
import { NetWorkerPool, type NetWorkerPoolOptions } from './worker-pool';
import { buffersOf, type FeaturesReply, type TrainInitReply } from './worker-protocol';

export interface FeatureWorkersOptions extends NetWorkerPoolOptions {
  /** What the trainer on the main thread trains: the features are the input of that part. */
  trainableNames: readonly string[];
  /** Where the features go; the main thread's session reads them from the same cache. */
  featureCache: FeatureCache;
  /** Only 'inference' (the default): with batch statistics, features depend on the batch and cannot be cached. */
  frozenBatchNorm?: FrozenBatchNorm;
  microBatch?: number | 'auto';
  memoryBudgetBytes?: number;
}

export interface FeatureWorkers {
  readonly workers: number;
  /** Per-example shapes of the cached tensors. */
  readonly boundaryShapes: readonly number[][];
  /** Computes and caches the features of `count` preprocessed images [count, size, size, 3] under `exampleIds`. */
  cache(images: Float32Array, count: number, exampleIds: readonly string[]): Promise<void>;
  /** Replaces weights in every worker (after a resume rewrote the net); cached features are the caller's to drop. */
  load(weights: Iterable<[string, Float32Array]>): Promise<void>;
  dispose(): Promise<void>;
}

export async function startFeatureWorkers(options: FeatureWorkersOptions): Promise<FeatureWorkers> {
  if ((options.frozenBatchNorm ?? 'inference') !== 'inference') {
    throw new InvalidTrainingOptionError('frozenBatchNorm', "frozen activations depend on the batch with 'batch-statistics'; they cannot be cached");
  }
  const pool = await NetWorkerPool.start(options);
  try {
    const replies = await Promise.all(
      Array.from({ length: pool.size }, (_, i) =>
        pool.request<TrainInitReply>(i, {
          kind: 'train-init',
          options: {
            trainableNames: [...options.trainableNames],
            frozenBatchNorm: 'inference',
            microBatch: options.microBatch,
            memoryBudgetBytes: options.memoryBudgetBytes,
            returnBoundary: true,
          },
        }),
      ),
    );
    return new Workers(pool, options.featureCache, replies[0]!.boundaryShapes, imageValues(options));
  } catch (error) {
    await pool.dispose();
    throw error;
  }
}

function imageValues(o: NetWorkerPoolOptions): number {
  const size = o.netOptions.imageSize;
  if (size === undefined) throw new InvalidTrainingOptionError('netOptions.imageSize', 'feature workers need the input size');
  return size * size * 3;
}

class Workers implements FeatureWorkers {
  constructor(
    private readonly pool: NetWorkerPool,
    private readonly featureCache: FeatureCache,
    readonly boundaryShapes: readonly number[][],
    private readonly perImage: number,
  ) {}

  get workers(): number {
    return this.pool.size;
  }

  async cache(images: Float32Array, count: number, exampleIds: readonly string[]): Promise<void> {
    if (images.length !== count * this.perImage) {
      throw new InvalidBatchError('images', `${images.length} values for ${count} images of ${this.perImage} values (${count * this.perImage} expected)`);
    }
    if (exampleIds.length !== count) throw new InvalidBatchError('exampleIds', `${exampleIds.length} ids for ${count} examples`);
    const per = this.boundaryShapes.map((shape) => shape.reduce((a, b) => a * b, 1));
    const shares = batchShares(count, this.pool.size);
    const replies = await Promise.all(
      shares.map((share) => {
        const part = images.slice(share.start * this.perImage, (share.start + share.count) * this.perImage);
        const ids = exampleIds.slice(share.start, share.start + share.count);
        return this.pool.request<FeaturesReply>(share.worker, { kind: 'features', count: share.count, images: part, ids }, buffersOf([part]));
      }),
    );
    replies.forEach((reply, i) => {
      const share = shares[i]!;
      for (let e = 0; e < share.count; e++) {
        this.featureCache.put(exampleIds[share.start + e]!, reply.boundary.map((packed, k) => packed.slice(e * per[k]!, (e + 1) * per[k]!)));
      }
    });
  }

  load(weights: Iterable<[string, Float32Array]>): Promise<void> {
    return this.pool.write(weights);
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}
