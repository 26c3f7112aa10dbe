// The trainer's and evaluator's input pipeline: records to preprocessed batches, prepared ahead in worker threads.
import { join } from 'node:path';
import { BatchWorkers, type JobSource } from './batch-workers';
import type { BatchJobItem } from './batch-worker-protocol';
import { type PipelineExample, exampleId, exampleStream } from './example-stream';
import type { BatchPipeline, BatchPipelineOptions, ImageBatch, LabelBatch, PipelineStats } from './image-batch';
import { PipelineAbortedError } from './pipeline-errors';
import { type ResolvedBatchPipelineOptions, resolveBatchPipelineOptions } from './pipeline-options';
import { ShardRecall } from './shard-recall';

type PipelineBatch = ImageBatch | LabelBatch;

/** Groups examples into batches; the final short one is kept unless `dropRemainder`. */
async function* batchesOf(examples: AsyncIterable<PipelineExample>, size: number, dropRemainder: boolean): AsyncGenerator<PipelineExample[]> {
  let batch: PipelineExample[] = [];
  for await (const e of examples) {
    batch.push(e);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0 && !dropRemainder) yield batch;
}

const END = Symbol('end');
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** A batch place in the prefetch queue, settled when its worker replies (or with END after the last batch). */
class QueueSlot {
  readonly promise: Promise<PipelineBatch | typeof END>;
  resolve!: (value: PipelineBatch | typeof END) => void;
  reject!: (err: unknown) => void;
  constructor() {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Settled slots nobody awaits any more (after close or a failure) must not warn as unhandled.
    this.promise.catch(() => undefined);
  }
}

class Pipeline implements BatchPipeline<PipelineBatch>, AsyncIterableIterator<PipelineBatch> {
  private readonly o: ResolvedBatchPipelineOptions;
  private readonly batches: AsyncGenerator<PipelineExample[]>;
  private readonly workers: BatchWorkers;
  private readonly recall: ShardRecall;
  /** In consumer order; never longer than `prefetch`, which bounds memory with the shuffle buffer. */
  private readonly queue: QueueSlot[] = [];
  private state: 'running' | 'ended' | 'closed' | 'failed' = 'running';
  private failure: unknown;
  private filling = false;
  private sourceDone = false;
  private teardown?: Promise<void>;
  /** next() calls run one after another even if a caller does not await them. */
  private nextChain: Promise<unknown> = Promise.resolve();
  private readonly counters = { batches: 0, images: 0, waitSeconds: 0, decodedImages: 0 };
  private readonly onAbort = () => this.fail(new PipelineAbortedError({ cause: this.o.signal?.reason }));

  constructor(o: ResolvedBatchPipelineOptions) {
    this.o = o;
    this.recall = new ShardRecall(o.manifest, o.splitEntry);
    this.batches = batchesOf(exampleStream(o, this.recall), o.batchSize, o.dropRemainder);
    this.workers = new BatchWorkers(o.numThreads);
    if (o.signal?.aborted) {
      this.onAbort();
      return;
    }
    o.signal?.addEventListener('abort', this.onAbort, { once: true });
    // Start at once: workers load and the first batches are ready by the time the consumer asks.
    this.fill();
  }

  /** Tops the queue up to `prefetch`; runs one loop at a time. */
  private fill(): void {
    if (!this.filling) void this.fillLoop();
  }

  private async fillLoop(): Promise<void> {
    this.filling = true;
    try {
      while (this.state === 'running' && !this.sourceDone && this.queue.length < this.o.prefetch) {
        const slot = new QueueSlot();
        this.queue.push(slot);
        let next: IteratorResult<PipelineExample[]>;
        try {
          next = await this.batches.next();
        } catch (err) {
          // Batches before the bad record are still delivered; the error surfaces in its place.
          this.sourceDone = true;
          slot.reject(err);
          return;
        }
        if (next.done || this.state !== 'running') {
          this.sourceDone = true;
          slot.resolve(END);
          return;
        }
        this.dispatch(next.value, slot);
      }
    } finally {
      // Cleared in the same turn as the last loop check, so a fill() right after always starts a loop.
      this.filling = false;
    }
  }

  private dispatch(examples: PipelineExample[], slot: QueueSlot): void {
    const labels = Int32Array.from(examples, (e) => e.label);
    const ids = examples.map(exampleId);
    const batch = { labels, count: examples.length, imageSize: this.o.imageSize, ids };
    const skip = this.o.skipPixels;
    if (skip && ids.every((id) => skip(id))) {
      slot.resolve({ ...batch, images: undefined, decode: () => this.decode(examples, ids) });
      return;
    }
    this.decode(examples, ids).then(
      (images) => slot.resolve({ ...batch, images }),
      (err) => slot.reject(err),
    );
  }

  /** Reads the bytes of replayed records, then decodes and preprocesses the batch in a worker. */
  private async decode(examples: PipelineExample[], ids: string[]): Promise<Float32Array> {
    const records = examples.some((e) => !e.encoded) ? await this.recall.withBytes(examples) : examples;
    let total = 0;
    for (const r of records) total += r.encoded?.length ?? 0;
    const bytes = new Uint8Array(total);
    const items: BatchJobItem[] = [];
    const sources: JobSource[] = [];
    let offset = 0;
    for (const [i, e] of records.entries()) {
      // Only a record the manifest promised and the shard lacks has none: the worker names it as a bad image.
      const encoded = e.encoded ?? new Uint8Array(0);
      bytes.set(encoded, offset);
      items.push({ offset, length: encoded.length, seed: e.seed, id: ids[i] ?? '' });
      sources.push({ shard: join(this.o.manifest.dir, e.shard), index: e.index });
      offset += encoded.length;
    }
    const { imageSize, preprocessing, alphaBackground: background, augment } = this.o;
    this.counters.decodedImages += records.length;
    return this.workers.run({ imageSize, preprocessing, background, augment, items, bytes: bytes.buffer }, sources);
  }

  next(): Promise<IteratorResult<PipelineBatch>> {
    const result = this.nextChain.then(() => this.nextInOrder());
    this.nextChain = result.catch(() => undefined);
    return result;
  }

  private async nextInOrder(): Promise<IteratorResult<PipelineBatch>> {
    if (this.state === 'failed') throw this.failure;
    if (this.state !== 'running') return DONE;
    this.fill();
    const slot = this.queue[0];
    if (!slot) {
      await this.stop('ended');
      return DONE;
    }
    let value: PipelineBatch | typeof END;
    const start = performance.now();
    try {
      value = await slot.promise;
    } catch (err) {
      await this.fail(err);
      throw this.failure;
    } finally {
      this.counters.waitSeconds += (performance.now() - start) / 1000;
    }
    // close() or an abort while this call waited has already settled things.
    const state = this.state as Pipeline['state'];
    if (state === 'failed') throw this.failure;
    if (state !== 'running' || value === END) {
      await this.stop('ended');
      return DONE;
    }
    this.queue.shift();
    this.counters.batches++;
    this.counters.images += value.count;
    this.fill();
    return { done: false, value };
  }

  /** Breaking out of `for await` lands here. */
  async return(): Promise<IteratorResult<PipelineBatch>> {
    await this.close();
    return DONE;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<PipelineBatch> {
    return this;
  }

  stats(): PipelineStats {
    return { ...this.counters, recordsRead: this.recall.recordsRead, threads: this.teardown ? 0 : this.workers.running };
  }

  close(): Promise<void> {
    return this.stop('closed');
  }

  /** The first failure wins; it rejects every waiting batch and is what next() throws from then on. */
  private fail(err: unknown): Promise<void> {
    if (this.state === 'running') {
      this.state = 'failed';
      this.failure = err;
      for (const slot of this.queue) slot.reject(err);
    }
    return this.stop('failed');
  }

  private stop(state: 'ended' | 'closed' | 'failed'): Promise<void> {
    if (this.state === 'running') {
      this.state = state;
      for (const slot of this.queue) slot.resolve(END);
    }
    this.teardown ??= this.release();
    return this.teardown;
  }

  private async release(): Promise<void> {
    this.o.signal?.removeEventListener('abort', this.onAbort);
    this.queue.length = 0;
    // Closes the open shard readers; waits for a read in progress to finish first.
    const closed = this.batches.return(undefined).catch(() => undefined);
    await Promise.all([this.workers.release(), closed]);
  }
}

/**
 * Starts the pipeline: worker threads load and the first `prefetch` batches are prepared at once.
 * Bad options, a missing split or an empty one throw here; bad records and images reject next() in
 * stream order, after the batches before them. Iterate it once; close() (or leaving a `for await`)
 * ends the workers. With `skipPixels`, batches of examples it names come as LabelBatches.
 */
export function createBatchPipeline(options: BatchPipelineOptions & { skipPixels?: undefined }): BatchPipeline;
export function createBatchPipeline(options: BatchPipelineOptions): BatchPipeline<ImageBatch | LabelBatch>;
export function createBatchPipeline(options: BatchPipelineOptions): BatchPipeline<ImageBatch | LabelBatch> {
  return new Pipeline(resolveBatchPipelineOptions(options));
}
