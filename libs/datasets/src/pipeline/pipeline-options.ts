// Defaults and checks for BatchPipelineOptions; a bad value fails at creation with the option's name.
import { join } from 'node:path';
import type { PreprocessingName } from '@finetune/nets';
import { InvalidOptionError, ManifestError } from '../errors';
import { MANIFEST_FILE, type SplitEntry } from '../manifest';
import type { BatchPipelineOptions } from './image-batch';

/** Records held for shuffling, as tf.data's shuffle(buffer_size). */
export const DEFAULT_SHUFFLE_BUFFER = 1000;
/** Decoding and preprocessing threads, one per core of a small machine. */
export const DEFAULT_PIPELINE_THREADS = 2;
/** Batches prepared ahead of the consumer. */
export const DEFAULT_PREFETCH_BATCHES = 2;
/** Shards read at once in training, as train_image_classifier.py's --num_readers. */
export const DEFAULT_NUM_READERS = 4;

/** Checked against nets' PreprocessingName at compile time (a Record needs every key), without loading tfjs here. */
const PREPROCESSING_NAMES: Record<PreprocessingName, true> = { inception: true, vgg: true, unit: true };

export interface ResolvedBatchPipelineOptions
  extends Required<Omit<BatchPipelineOptions, 'epochs' | 'signal' | 'seed' | 'numReaders' | 'alphaBackground' | 'skipPixels' | 'views'>>,
    Pick<BatchPipelineOptions, 'alphaBackground'> {
  numReaders: number;
  seed: number;
  /** undefined: forever. */
  epochs: number | undefined;
  signal: AbortSignal | undefined;
  skipPixels: ((exampleId: string) => boolean) | undefined;
  /** undefined: a fresh augmentation every epoch. */
  views: number | undefined;
  splitEntry: SplitEntry;
}

export function defaultBatchPipelineOptions(): Pick<
  Required<BatchPipelineOptions>,
  'augment' | 'shuffleBuffer' | 'numThreads' | 'prefetch' | 'numReaders'
> {
  return {
    augment: true,
    shuffleBuffer: DEFAULT_SHUFFLE_BUFFER,
    numThreads: DEFAULT_PIPELINE_THREADS,
    prefetch: DEFAULT_PREFETCH_BATCHES,
    numReaders: DEFAULT_NUM_READERS,
  };
}

function positiveInt(option: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) throw new InvalidOptionError(option, value, 'must be a positive integer');
  return value as number;
}

export function resolveBatchPipelineOptions(options: BatchPipelineOptions): ResolvedBatchPipelineOptions {
  const d = defaultBatchPipelineOptions();
  const { manifest, split, training } = options;
  const entry = manifest.splits[split];
  const manifestPath = join(manifest.dir, MANIFEST_FILE);
  if (!entry) throw new ManifestError(manifestPath, `splits.${split}`, `the dataset has no ${split} split`, { kind: 'failed-precondition' });
  // With no images an endless training pass would spin without ever yielding a batch.
  if (entry.numImages === 0) throw new ManifestError(manifestPath, `splits.${split}.numImages`, `the ${split} split has no images`, { kind: 'failed-precondition' });
  if (!(options.preprocessing in PREPROCESSING_NAMES)) {
    throw new InvalidOptionError('preprocessing', options.preprocessing, `expected one of ${Object.keys(PREPROCESSING_NAMES).join(', ')}`);
  }
  if (!training && options.dropRemainder) {
    throw new InvalidOptionError('dropRemainder', options.dropRemainder, 'evaluation yields every image, so its short last batch is kept');
  }
  if (!training && options.skipPixels) {
    throw new InvalidOptionError('skipPixels', 'a function', 'evaluation needs every image\'s pixels; skipping them is for training from a cache');
  }
  const views = options.views === undefined ? undefined : positiveInt('views', options.views);
  if (views !== undefined && !(training && (options.augment ?? d.augment))) {
    throw new InvalidOptionError('views', views, 'are views of augmented training images: without augmentation every epoch shows the same one');
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) throw new InvalidOptionError('seed', options.seed, 'must be an integer');
  return {
    manifest,
    split,
    training,
    batchSize: positiveInt('batchSize', options.batchSize),
    imageSize: positiveInt('imageSize', options.imageSize),
    preprocessing: options.preprocessing,
    alphaBackground: options.alphaBackground,
    augment: training && (options.augment ?? d.augment),
    shuffleBuffer: positiveInt('shuffleBuffer', options.shuffleBuffer ?? d.shuffleBuffer),
    // Unseeded, like tf.data's shuffle(seed=None): a fresh order every run.
    seed: options.seed ?? Math.floor(Math.random() * 0x1_0000_0000),
    numThreads: positiveInt('numThreads', options.numThreads ?? d.numThreads),
    prefetch: positiveInt('prefetch', options.prefetch ?? d.prefetch),
    numReaders: positiveInt('numReaders', options.numReaders ?? d.numReaders),
    epochs: options.epochs === undefined ? (training ? undefined : 1) : positiveInt('epochs', options.epochs),
    dropRemainder: training && (options.dropRemainder ?? true),
    signal: options.signal,
    skipPixels: options.skipPixels,
    views,
    splitEntry: entry,
  };
}
