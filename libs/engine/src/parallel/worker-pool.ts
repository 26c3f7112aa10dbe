// A pool of engine workers, each with its own backend and its own copy of one net; requests go to one worker.
import type { NetOptions } from '@finetune/nets';
import { cpuBudget } from './cpu-budget';
import { ParallelOptionError, WorkerExitedError } from './parallel-errors';
import { startSourceWorker, workerEntryUrl } from '@finetune/datasets';
import { buffersOf, type InitReply, type MemoryReply, type WeightList, type WorkerRequest } from './worker-protocol';
import { WorkerSlot } from './worker-slot';

export interface NetWorkerPoolOptions {
  /** A name getNet knows, e.g. `mobilenet_v2`. */
  netName: string;
  netOptions: NetOptions;
  /** Every variable of the net by TF-Slim name (readNetWeights); copied to each worker, never read from disk there. */
  weights: ReadonlyMap<string, Float32Array>;
  /** @default os.cpuBudget() */
  workers?: number;
  /** Backend of each worker. @default 'wasm' */
  backend?: 'wasm' | 'cpu';
}

export class NetWorkerPool {
  private closed = false;

  private constructor(private readonly slots: WorkerSlot<WorkerRequest>[]) {}

  /** Starts the workers and copies the net into each; fails (and ends them all) if any worker cannot build it. */
  static async start(options: NetWorkerPoolOptions): Promise<NetWorkerPool> {
    const count = options.workers ?? cpuBudget();
    if (!(Number.isInteger(count) && count >= 1)) throw new ParallelOptionError('workers', `${count} must be an integer >= 1`);
    const entry = workerEntryUrl('./net-worker', import.meta.url);
    const pool = new NetWorkerPool(Array.from({ length: count }, (_, i) => new WorkerSlot<WorkerRequest>(i, startSourceWorker(entry, { name: `engine-worker-${i}` }))));
    try {
      await Promise.all(
        pool.slots.map((_, i) => {
          // A fresh copy per worker, transferred: the caller keeps its arrays.
          const weights = [...options.weights].map(([name, values]) => [name, values.slice()] as [string, Float32Array]);
          const request: WorkerRequest = { kind: 'init', netName: options.netName, netOptions: options.netOptions, weights, backend: options.backend ?? 'wasm' };
          return pool.request<InitReply>(i, request, buffersOf(weights.map(([, v]) => v)));
        }),
      );
    } catch (error) {
      await pool.dispose();
      throw error;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Sends one request to worker `index`; buffers in `transfer` move to the worker and are unusable here afterwards. */
  request<T>(index: number, request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    const slot = this.slots[index];
    if (!slot) return Promise.reject(new ParallelOptionError('worker', `${index} is not in [0, ${this.slots.length})`));
    if (this.closed) return Promise.reject(new WorkerExitedError(index, 'the pool was disposed'));
    return slot.request<T>(request, transfer);
  }

  /** Writes `weights` into every worker's net (a copy each, transferred); the caller keeps its arrays. */
  async write(weights: Iterable<[string, Float32Array]>): Promise<void> {
    const list = [...weights];
    await Promise.all(
      this.slots.map((_, i) => {
        const copy: WeightList = list.map(([name, values]) => [name, values.slice()]);
        return this.request(i, { kind: 'write', weights: copy }, buffersOf(copy.map(([, v]) => v)));
      }),
    );
  }

  /** Bytes of each worker's wasm heap (the peak: a wasm heap never shrinks). */
  async wasmHeapBytes(): Promise<number[]> {
    const replies = await Promise.all(this.slots.map((_, i) => this.request<MemoryReply>(i, { kind: 'memory' })));
    return replies.map((r) => r.wasmHeapBytes);
  }

  /** Ends every worker; pending requests fail with WorkerExitedError. Safe to call twice. */
  async dispose(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => (slot.gone ? undefined : slot.worker.terminate())));
  }
}
