// Thread ranges and shard ranges as build_image_data.py computes them, and the shard file names.
import type { SplitName } from './convert-options';

/** `<name>_<split>_00000-of-00002.tfrecord`: the reference's `<split>-00000-of-00002` with a dataset prefix, as DESIGN.md names them. */
export function shardFileName(datasetName: string, split: SplitName, shard: number, numShards: number): string {
  const pad = (n: number) => String(n).padStart(5, '0');
  return `${datasetName}_${split}_${pad(shard)}-of-${pad(numShards)}.tfrecord`;
}

/** Matches any shard file of a dataset name and split (for finding an existing dataset). */
export function shardFilePattern(datasetName: string): RegExp {
  const escaped = datasetName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}_(train|validation)_\\d{5}-of-\\d{5}\\.tfrecord$`);
}

/** np.linspace(0, n, parts + 1).astype(int), computed in integers so no float rounding moves a boundary. */
export function linspaceInt(start: number, end: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, i) => start + Math.floor(((end - start) * i) / parts));
}

export interface ShardRange {
  shard: number;
  /** [start, end) into the split's shuffled image list. */
  start: number;
  end: number;
}

/**
 * Per thread, its shards: the images are cut into `numThreads` ranges, and each thread's range into
 * `numShards / numThreads` shards, numbered thread * shardsPerThread + s — exactly the reference's scheme.
 */
export function threadShardRanges(numImages: number, numShards: number, numThreads: number): ShardRange[][] {
  const perThread = numShards / numThreads;
  const threadBounds = linspaceInt(0, numImages, numThreads);
  return Array.from({ length: numThreads }, (_, t) => {
    const bounds = linspaceInt(threadBounds[t], threadBounds[t + 1], perThread);
    return Array.from({ length: perThread }, (_, s) => ({ shard: t * perThread + s, start: bounds[s], end: bounds[s + 1] }));
  });
}
