// Where a training job's batches come from: the datasets library's pipeline (shards read, shuffled, decoded and
// augmented in worker threads, prefetched), or any other source of the same shape (tests, benchmarks).
import type { LoadedManifest, SplitName } from '@finetune/datasets';
import { createBatchPipeline } from '@finetune/datasets';
import type { PreprocessingName } from '@finetune/nets';

/** One batch as the pipeline yields it (the datasets library's ImageBatch). */
export interface TrainingBatch {
  /** NHWC float32, preprocessed for the net. */
  images: Float32Array;
  labels: Int32Array;
  count: number;
  imageSize: number;
  /** Stable id of each example (`<shard>:<index>`), the feature cache's key. */
  ids: string[];
}

export interface TrainingBatches extends AsyncIterable<TrainingBatch> {
  /** Seconds the consumer has waited for batches so far. */
  stats(): { waitSeconds: number };
  close(): Promise<void>;
}

export interface TrainingInputOptions {
  manifest: LoadedManifest;
  split: SplitName;
  batchSize: number;
  imageSize: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on, `#rrggbb`. */
  alphaBackground: string;
  augment: boolean;
  numThreads: number;
  seed?: number;
}

export type TrainingInputSource = (options: TrainingInputOptions) => TrainingBatches;

/** The default source: endless shuffled epochs, the short last batch of each dropped (as the reference's queues). */
export const pipelineInput: TrainingInputSource = (o) =>
  createBatchPipeline({
    manifest: o.manifest,
    split: o.split,
    batchSize: o.batchSize,
    imageSize: o.imageSize,
    preprocessing: o.preprocessing,
    alphaBackground: o.alphaBackground,
    training: true,
    augment: o.augment,
    numThreads: o.numThreads,
    seed: o.seed,
  });
