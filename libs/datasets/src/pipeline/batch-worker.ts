// Worker thread entry: decodes and preprocesses one batch at a time with sharp and returns it as one Float32Array.
import { parentPort } from 'node:worker_threads';
import { preprocessImage } from '@finetune/nets';
import { seededRandom } from '../seeded-random';
import type { BatchJob, BatchWorkerReply } from './batch-worker-protocol';

/**
 * Images of a batch in flight at once: while libvips decodes one on the thread pool, this thread turns
 * the previous one's pixels into floats, so two keep a core busy without oversubscribing it.
 */
const IMAGES_IN_FLIGHT = 2;

class ImageFailure {
  constructor(
    readonly item: number,
    readonly reason: string,
  ) {}
}

async function runBatch(job: BatchJob): Promise<BatchWorkerReply> {
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
  try {
    await Promise.all(Array.from({ length: Math.min(IMAGES_IN_FLIGHT, job.items.length) }, lane));
  } catch (err) {
    if (err instanceof ImageFailure) return { type: 'image-failed', seq: job.seq, item: err.item, reason: err.reason };
    throw err;
  }
  return { type: 'batch', seq: job.seq, images };
}

/** Jobs run one after another; the pipeline keeps at most `prefetch` batches outstanding across workers. */
let queue = Promise.resolve();

parentPort?.on('message', (job: BatchJob) => {
  queue = queue.then(async () => {
    let reply: BatchWorkerReply;
    try {
      reply = await runBatch(job);
    } catch (err) {
      reply = { type: 'failed', seq: job.seq, message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack };
    }
    parentPort?.postMessage(reply, reply.type === 'batch' ? [reply.images.buffer as ArrayBuffer] : []);
  });
});
