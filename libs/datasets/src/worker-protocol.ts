// Messages between the conversion orchestrator and its worker threads (structured-clone-safe plain data).
import type { SplitName } from './convert-options';
import type { ImageItem } from './split-plan';

/** One shard a worker writes: its images in record order, and where the finished file goes. */
export interface ShardJob {
  split: SplitName;
  shard: number;
  /** Final base name, e.g. flowers_train_00000-of-00002.tfrecord. */
  file: string;
  /** Path inside the staging folder. */
  path: string;
  items: ImageItem[];
}

export interface WorkerInput {
  worker: number;
  jobs: ShardJob[];
  skipInvalid: boolean;
}

export interface ShardResult {
  split: SplitName;
  shard: number;
  file: string;
  records: number;
  bytes: number;
  sha256: string;
}

export interface SkippedImage {
  path: string;
  reason: string;
}

/** Orchestrator to worker: start a share of a conversion, or stop the current one after the image in hand. */
export type WorkerCommand = { type: 'run'; input: WorkerInput } | { type: 'stop' };

/** Worker to orchestrator. Every run ends with exactly one of done, stopped, invalid-image or failed. */
export type WorkerMessage =
  | { type: 'image'; split: SplitName }
  | { type: 'skipped'; split: SplitName; image: SkippedImage }
  | { type: 'shard'; result: ShardResult }
  | { type: 'invalid-image'; image: SkippedImage }
  | { type: 'failed'; message: string; stack?: string }
  | { type: 'stopped' }
  | { type: 'done' };
