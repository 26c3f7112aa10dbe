// Worker thread entry: decodes and preprocesses one batch at a time with sharp and returns it as one Float32Array.
import { preprocessImage } from '@finetune/nets';
import { FinetuneError } from '@finetune/runtime/finetune-error';
import { serveRequests } from '@finetune/runtime/worker-requests';
import { seededRandom } from '../seeded-random';
import type { BatchJob, ImageFailureDetails } from './batch-worker-protocol';

/**
 * Images of a batch in flight at once: while libvips decodes one on the thread pool, this thread turns
 * the previous one's pixels into floats, so two keep a core busy without oversubscribing it.
 */
const IMAGES_IN_FLIGHT = 2;

/** Image `item` of the job failed to decode or preprocess; the pipeline names it by shard and index. */
class ImageFailure extends FinetuneError {
  readonly details: ImageFailureDetails;
  constructor(item: number, reason: string) {
    super('invalid-argument', reason);
    this.details = { item };
  }
}

async function runBatch(job: BatchJob): Promise<Float32Array> {
  const pixels = job.imageSize * job.imageSize * 3;
  const images = new Float32Array(job.items.length * pixels);
  let nextItem = 0;
  const lane = async (): Promise<void> => {
    while (nextItem < job.items.length) {
      const i = nextItem++;
      const item = job.items[i];
      let values: Float32Array;
      try {
        values = await preprocessImage(Buffer.from(job.bytes, item.offset, item.length), {
          name: job.preprocessing,
          size: job.imageSize,
          training: job.augment,
          random: job.augment ? seededRandom(item.seed) : undefined,
          background: job.background,
          source: item.id,
        });
      } catch (err) {
        nextItem = job.items.length;
        throw new ImageFailure(i, (err as Error)?.message ?? String(err));
      }
      images.set(values, i * pixels);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IMAGES_IN_FLIGHT, job.items.length) }, lane));
  return images;
}

/** Jobs run one after another; the pipeline keeps at most `prefetch` batches outstanding across workers. */
serveRequests<BatchJob>('batch-worker.ts (see BatchWorkers)', async (job) => {
  const images = await runBatch(job);
  return { result: images, transfer: [images.buffer as ArrayBuffer] };
});
