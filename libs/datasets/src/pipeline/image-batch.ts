// What the input pipeline yields: preprocessed images ready for a net, with their labels (or, for examples whose
// pixels the consumer no longer needs, the labels alone).
import type { PreprocessingName } from '@finetune/nets';
import type { LoadedManifest } from '../manifest';
import type { SplitName } from '../convert-options';

export interface ImageBatch {
  /** NHWC float32, `count * imageSize * imageSize * 3` values, preprocessed for the net. */
  images: Float32Array;
  /** Label of each image (index into the manifest's classNames). */
  labels: Int32Array;
  /** Images in this batch; the last batch of an evaluation pass may be short. */
  count: number;
  imageSize: number;
  /**
   * Stable id of each example (`<shard>:<index>`), e.g. to key a feature cache; with `views`, of each view of an
   * example (`<shard>:<index>#<view>`).
   */
  ids: string[];
}

/**
 * A batch of examples all of which `skipPixels` named when the batch was formed: nothing was read, decoded or
 * preprocessed. `decode()` does that after all, should the consumer need the pixels (its cache changed meanwhile).
 */
export interface LabelBatch extends Omit<ImageBatch, 'images'> {
  images: undefined;
  decode(): Promise<Float32Array>;
}

export interface BatchPipelineOptions {
  manifest: LoadedManifest;
  split: SplitName;
  batchSize: number;
  imageSize: number;
  preprocessing: PreprocessingName;
  /**
   * What transparent pixels are composited on (--alpha_background), `#rrggbb`, checked where the flag entered
   * (a bad one fails each image naming it). @default white
   */
  alphaBackground?: string;
  /** Training: shuffled, augmented (random crop, flip, colour), repeated for `epochs`. Evaluation: every image once, in order. */
  training: boolean;
  /** Training only: augmentation on (the reference's train preprocessing) or off (eval preprocessing, e.g. for a feature cache). @default true */
  augment?: boolean;
  /**
   * Training with augmentation only: each example has this many augmented views, and epoch e shows view e mod
   * `views` (the same crop, flip and colour each time), so a consumer can cache what it computes of each view.
   * @default undefined: a fresh augmentation every epoch
   */
  views?: number;
  /** Records held for shuffling. @default 1000 */
  shuffleBuffer?: number;
  /** Seeds shard order, shuffling and augmentation. @default a fresh random seed per pipeline, as tf.data's seed=None */
  seed?: number;
  /** Training only: shards read at once, records interleaved one by one (the reference's --num_readers). @default 4 */
  numReaders?: number;
  /** Worker threads decoding and preprocessing. @default 2 */
  numThreads?: number;
  /** Batches prepared ahead of the consumer. @default 2 */
  prefetch?: number;
  /** Passes over the split; undefined repeats forever in training, 1 in evaluation. */
  epochs?: number;
  /** Training only: drop a final short batch. @default true in training, never in evaluation */
  dropRemainder?: boolean;
  signal?: AbortSignal;
  /**
   * Training only: whether the consumer still needs an example's pixels (false: it holds what it computes from
   * them, e.g. a feature cache of an un-augmented view). A batch of such examples only is yielded as a LabelBatch,
   * and a shard read through once is replayed from memory (ids and labels) in later epochs instead of read.
   * Asked as each batch is formed, up to `prefetch` batches ahead. @default every example needs its pixels
   */
  skipPixels?: (exampleId: string) => boolean;
}

/** Counters to tell whether the model waits on input. */
export interface PipelineStats {
  batches: number;
  images: number;
  /** Seconds the consumer spent waiting for a batch that was not ready yet. */
  waitSeconds: number;
  /** Worker threads running; 0 once the pipeline ended, closed or failed. */
  threads?: number;
  /** Images decoded and preprocessed (LabelBatches are not, until their decode()). */
  decodedImages: number;
  /** Records read from shard files (replayed shards are not read). */
  recordsRead: number;
}

export interface BatchPipeline<B = ImageBatch> extends AsyncIterable<B> {
  stats(): PipelineStats;
  close(): Promise<void>;
}
