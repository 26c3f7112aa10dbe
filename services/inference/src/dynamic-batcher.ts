// Dynamic batching: requests queue up and go to the backend together, up to a maximum batch size or
// after a maximum delay, a bounded number of batches at a time (one per model worker) — the throughput of
// batches at the latency of a bounded wait.
import { QueueFullError } from '@finetune/serving';

export interface BatcherOptions {
  /** Most inputs run in one batch. @default 8 */
  maxBatchSize: number;
  /** Longest an input waits for others to join its batch, in milliseconds. @default 5 */
  maxQueueDelayMs: number;
  /** Inputs waiting beyond this are refused as RESOURCE_EXHAUSTED rather than queued without end. @default 1024 */
  maxQueueSize: number;
  /** Batches running at once: one per model worker, so every worker has one to compute. @default 1 */
  maxConcurrentBatches: number;
}

export const MAX_BATCH_SIZE = 8;
export const MAX_QUEUE_DELAY_MS = 5;
export const MAX_QUEUE_SIZE = 1024;

export function defaultBatcherOptions(): BatcherOptions {
  return { maxBatchSize: MAX_BATCH_SIZE, maxQueueDelayMs: MAX_QUEUE_DELAY_MS, maxQueueSize: MAX_QUEUE_SIZE, maxConcurrentBatches: 1 };
}

/** What the batcher reports, for metrics. */
export interface BatcherObserver {
  /** A batch of `size` inputs is starting. */
  batch?(size: number): void;
  /** One input waited this long between submission and its batch starting. */
  queued?(seconds: number): void;
}

interface Pending<K, I, O> {
  key: K;
  input: I;
  enqueuedAt: number;
  resolve(output: O): void;
  reject(err: unknown): void;
}

/**
 * Inputs for different keys (model versions) never share a batch: a batch is the oldest input's key
 * and the next inputs of that key in arrival order. `run` must return one output per input.
 */
export class DynamicBatcher<K, I, O> {
  private readonly queue: Pending<K, I, O>[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly options: BatcherOptions;

  constructor(
    private readonly run: (key: K, inputs: I[]) => Promise<O[]>,
    options: Partial<BatcherOptions> = {},
    private readonly observer: BatcherObserver = {},
    /** Names the queue in errors. */
    private readonly name = 'model',
  ) {
    this.options = { ...defaultBatcherOptions(), ...options };
    if (!(this.options.maxBatchSize >= 1)) throw new RangeError(`maxBatchSize must be at least 1, not ${this.options.maxBatchSize}`);
    if (!(this.options.maxConcurrentBatches >= 1)) throw new RangeError(`maxConcurrentBatches must be at least 1, not ${this.options.maxConcurrentBatches}`);
  }

  /** Inputs waiting for a batch, not counting those running. */
  get queued(): number {
    return this.queue.length;
  }

  submit(key: K, input: I): Promise<O> {
    if (this.queue.length >= this.options.maxQueueSize) return Promise.reject(new QueueFullError(this.name, this.options.maxQueueSize));
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ key, input, enqueuedAt: performance.now(), resolve, reject });
      this.pump();
    });
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.maxConcurrentBatches && this.queue.length > 0) {
      if (!this.startIfDue()) return;
    }
    // A running batch pumps again when it ends.
    if (this.running === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  /** Starts the next batch if it is full or its oldest input has waited long enough; else arms the timer. */
  private startIfDue(): boolean {
    const waited = performance.now() - this.queue[0]!.enqueuedAt;
    if (this.queue.length < this.options.maxBatchSize && waited < this.options.maxQueueDelayMs) {
      // Not full yet: wait for more until the oldest input's delay runs out.
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, this.options.maxQueueDelayMs - waited);
      return false;
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.startBatch();
    return true;
  }

  private startBatch(): void {
    const key = this.queue[0]!.key;
    const batch: Pending<K, I, O>[] = [];
    for (let i = 0; i < this.queue.length && batch.length < this.options.maxBatchSize; ) {
      if (this.queue[i]!.key === key) batch.push(...this.queue.splice(i, 1));
      else i++;
    }
    const now = performance.now();
    for (const p of batch) this.observer.queued?.((now - p.enqueuedAt) / 1000);
    this.observer.batch?.(batch.length);
    this.running++;
    this.run(
      key,
      batch.map((p) => p.input),
    ).then(
      (outputs) => {
        if (outputs.length !== batch.length) throw new Error(`batch of ${batch.length} returned ${outputs.length} outputs`);
        batch.forEach((p, i) => p.resolve(outputs[i]!));
      },
    ).catch((err: unknown) => {
      for (const p of batch) p.reject(err);
    }).finally(() => {
      this.running--;
      this.pump();
    });
  }
}
