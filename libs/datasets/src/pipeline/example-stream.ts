// The records a pipeline feeds its workers: shards in order (evaluation) or interleaved and shuffled, per epoch.
import { join } from 'node:path';
import { type ImageExample, parseImageExample, readRecords } from '@finetune/tfrecord';
import { ManifestError } from '../errors';
import type { LoadedManifest, ShardEntry } from '../manifest';
import { deriveSeed, seededRandom, shuffled } from '../seeded-random';
import { interleave } from './interleave';
import type { ResolvedBatchPipelineOptions } from './pipeline-options';
import { LabelOutOfRangeError } from './pipeline-errors';
import type { ShardRecall } from './shard-recall';
import { shuffleBuffer } from './shuffle-buffer';

/** One record on its way to a worker. */
export interface PipelineExample {
  /** Shard base name, e.g. flowers_train_00000-of-00002.tfrecord. */
  shard: string;
  /** Index of the record within its shard. */
  index: number;
  label: number;
  /** Absent in a shard replayed from memory (ShardRecall): fetched only if the pixels are needed after all. */
  encoded?: Uint8Array;
  /** Seeds this image's augmentation, so it does not depend on which worker takes it. */
  seed: number;
  /** With the pipeline's `views`: which augmented view of the example this is. */
  view?: number;
}

/** The example's id in batches: `<shard>:<index>`, and `#<view>` when the pipeline has views. */
export function exampleId(e: Pick<PipelineExample, 'shard' | 'index' | 'view'>): string {
  return e.view === undefined ? `${e.shard}:${e.index}` : `${e.shard}:${e.index}#${e.view}`;
}

/** A record as read (or replayed) from its shard, before it is given its augmentation seed. */
export type PipelineRecord = Omit<PipelineExample, 'seed' | 'view'>;

/**
 * Yields the records of one shard with their labels checked. A bad record throws the tfrecord reader's
 * error (naming the file and byte offset); a bad Example or label names the shard and record index.
 */
export async function* readShardExamples(
  manifest: LoadedManifest,
  shard: ShardEntry,
): AsyncGenerator<PipelineRecord & { encoded: Uint8Array }> {
  const path = join(manifest.dir, shard.file);
  let index = 0;
  for await (const record of readRecords(path)) {
    let image: ImageExample;
    try {
      image = parseImageExample(record);
    } catch (err) {
      throw new ManifestError(path, `record ${index}`, (err as Error).message, { cause: err });
    }
    if (image.label >= manifest.numClasses) throw new LabelOutOfRangeError(path, index, image.label, manifest.numClasses);
    yield { shard: shard.file, index, label: image.label, encoded: image.encoded };
    index++;
  }
  // A shard cut at a record boundary reads cleanly; only the count shows the loss.
  if (index !== shard.records) throw new ManifestError(path, 'records', `the shard holds ${index} records, the manifest says ${shard.records}`);
}

/**
 * Every epoch of the split. Training: each epoch shuffles the shard order, reads `numReaders` shards
 * interleaved, and shuffles through the buffer (epochs do not mix, as tf.data's shuffle().repeat()).
 * Evaluation: manifest order.
 */
export async function* exampleStream(o: ResolvedBatchPipelineOptions, recall: ShardRecall): AsyncGenerator<PipelineExample> {
  const { splitEntry } = o;
  // Replays only where the consumer may skip pixels: otherwise every epoch needs every record's bytes.
  const replay = o.skipPixels !== undefined;
  for (let epoch = 0; o.epochs === undefined || epoch < o.epochs; epoch++) {
    const salt = `${o.split}:${epoch}`;
    let records: AsyncIterable<PipelineRecord>;
    if (o.training) {
      const shards = shuffled(splitEntry.shards, seededRandom(deriveSeed(o.seed, `shards:${salt}`)));
      const read = interleave(
        shards.map((s) => () => recall.records(s, replay)),
        o.numReaders,
      );
      records = shuffleBuffer(read, o.shuffleBuffer, seededRandom(deriveSeed(o.seed, `shuffle:${salt}`)));
    } else {
      records = interleave(
        splitEntry.shards.map((s) => () => recall.records(s, false)),
        1,
      );
    }
    // A view is seeded by its number, not the epoch, so epoch e and e + views draw the same augmentation.
    const view = o.views === undefined ? undefined : epoch % o.views;
    const augmentSalt = view === undefined ? salt : `${o.split}:view${view}`;
    for await (const r of records) {
      const seed = o.augment ? deriveSeed(o.seed, `augment:${augmentSalt}:${r.shard}:${r.index}`) : 0;
      yield view === undefined ? { ...r, seed } : { ...r, seed, view };
    }
  }
}
