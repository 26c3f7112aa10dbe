// Where a training job's batches come from: the datasets library's pipeline (shards read, shuffled, decoded and
// augmented in worker threads, prefetched), or any other source of the same shape (tests, benchmarks).
import type { LoadedManifest, SplitName } from '@finetune/datasets';
import { createBatchPipeline } from '@finetune/datasets';
import type { PreprocessingName } from '@finetune/nets';
import type { StageOptions } from './training-stages';

/** One batch as the pipeline yields it (the datasets library's ImageBatch or LabelBatch). */
export interface TrainingBatch {
  /** NHWC float32, preprocessed for the net; undefined when `skipPixels` named every example (see `decode`). */
  images: Float32Array | undefined;
  /** The pixels of a batch yielded without them, read and decoded now. */
  decode?: () => Promise<Float32Array>;
  labels: Int32Array;
  count: number;
  imageSize: number;
  /** Stable id of each example (`<shard>:<index>`), the feature cache's key. */
  ids: string[];
}

export interface TrainingBatches extends AsyncIterable<TrainingBatch> {
  /** Seconds the consumer has waited for batches so far; the pipeline also counts the images it decoded and records it read. */
  stats(): { waitSeconds: number; decodedImages?: number; recordsRead?: number };
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
  /** Whether an example's pixels are no longer needed (its features are cached); later epochs then skip reading them. */
  skipPixels?: (exampleId: string) => boolean;
  /** With augmentation: views of each example, epoch e showing view e mod views (the ids say which). */
  views?: number;
}

/** How a job's images are decoded: what its flags and starting checkpoint chose. */
export type JobImageSpec = Pick<TrainingInputOptions, 'imageSize' | 'preprocessing' | 'alphaBackground'>;

/** A stage's input options from its flags and the job's image spec. */
export function jobInputOptions(o: StageOptions, manifest: LoadedManifest, spec: JobImageSpec): TrainingInputOptions {
  return {
    manifest,
    split: o.datasetSplitName,
    batchSize: o.batchSize,
    ...spec,
    augment: o.augment,
    numThreads: o.numPreprocessingThreads,
    seed: o.seed,
  };
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
    skipPixels: o.skipPixels,
    views: o.views,
  });

/** The batch's pixels, decoded now if the pipeline skipped them. */
export async function batchImages(batch: TrainingBatch): Promise<Float32Array> {
  if (batch.images) return batch.images;
  if (!batch.decode) throw new Error(`a training batch of ${batch.count} examples (${batch.ids[0] ?? ''}…) came with neither images nor a way to decode them`);
  return batch.decode();
}
