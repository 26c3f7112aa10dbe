// Reads one split of a converted dataset: every image Example of every shard, in shard order.
import { join } from 'node:path';
import { type ImageExample, parseImageExample, readRecords } from '@finetune/tfrecord';
import type { SplitName } from './convert-options';
import { ManifestError } from './errors';
import { type LoadedManifest, MANIFEST_FILE } from './manifest';

/** An image of a split and where it came from, for error messages and evaluation reports. */
export interface SplitImage extends ImageExample {
  shard: string;
  /** Index of the record within its shard. */
  index: number;
}

/**
 * Yields the parsed image Examples of `split`. A split the manifest lacks, a label outside the class
 * list, or a bad record throws a typed error naming the shard.
 */
export async function* readSplit(manifest: LoadedManifest, split: SplitName): AsyncGenerator<SplitImage> {
  const entry = manifest.splits[split];
  if (!entry) {
    throw new ManifestError(join(manifest.dir, MANIFEST_FILE), `splits.${split}`, `the dataset has no ${split} split`, {
      kind: 'failed-precondition',
    });
  }
  for (const shard of entry.shards) {
    const path = join(manifest.dir, shard.file);
    let index = 0;
    for await (const record of readRecords(path)) {
      let image: ImageExample;
      try {
        image = parseImageExample(record);
      } catch (err) {
        throw new ManifestError(path, `record ${index}`, (err as Error).message, { cause: err });
      }
      if (image.label >= manifest.numClasses) {
        throw new ManifestError(path, `record ${index}`, `label ${image.label} is not below numClasses ${manifest.numClasses}`);
      }
      yield { ...image, shard: shard.file, index };
      index++;
    }
  }
}
