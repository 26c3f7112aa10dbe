// A misclassified validation image as a small PNG, decoded again from its TFRecord shard: evaluation records
// name the shard and record, never copy the pixels.
import path from 'node:path';
import sharp from 'sharp';
import { readManifest } from '@finetune/datasets';
import { parseImageExample, readRecords } from '@finetune/tfrecord';
import { FinetuneError } from '@finetune/runtime';

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_PIXELS = 96;

/** Thrown when the record names a shard or record the dataset does not hold. */
export class ExampleNotFoundError extends FinetuneError {
  constructor(message: string) {
    super('internal', message);
  }
}

/**
 * The image of record `record` of `shard` in `datasetDir`. The shard must be one the dataset's manifest lists,
 * so a record cannot point the board at another file.
 */
export async function exampleThumbnail(datasetDir: string, shard: string, record: number): Promise<Buffer> {
  const manifest = await readManifest(datasetDir);
  const known = Object.values(manifest.splits).some((split) => split?.shards.some((s) => s.file === shard));
  if (!known) throw new ExampleNotFoundError(`${shard} is not a shard of the dataset ${datasetDir}`);
  let index = 0;
  for await (const bytes of readRecords(path.join(manifest.dir, shard))) {
    if (index++ !== record) continue;
    const { encoded } = parseImageExample(bytes);
    return sharp(Buffer.from(encoded)).rotate().resize(THUMBNAIL_PIXELS, THUMBNAIL_PIXELS, { fit: 'inside' }).png().toBuffer();
  }
  throw new ExampleNotFoundError(`${path.join(manifest.dir, shard)} has no record ${record}`);
}
