// The pipeline's preprocessing threads: hands each batch to the least busy one and settles its reply.
import type { Worker } from 'node:worker_threads';
import { releaseBatchWorker, takeBatchWorker } from './batch-worker-pool';
import type { BatchJob, BatchWorkerReply } from './batch-worker-protocol';
import { ExampleImageError, PipelineWorkerError } from './pipeline-errors';

/** Where each image of a job came from, to name it in errors. */
export interface JobSource {
  /** Shard path. */
  shard: string;
  index: number;
}

interface Pending {
  sources: JobSource[];
  resolve: (images: Float32Array) => void;
  reject: (err: Error) => void;
}

interface Slot {
  id: number;
  worker: Worker;
  pending: Map<number, Pending>;
  detach: () => void;
  /** Set once the worker died; later jobs fail with it rather than wait forever. */
  failure?: Error;
}

export class BatchWorkers {
  private readonly slots: Slot[];
  private seq = 0;
  private terminated = false;

  constructor(count: number) {
    this.slots = Array.from({ length: count }, (_, id) => {
      const worker = takeBatchWorker();
      const slot: Slot = { id, worker, pending: new Map(), detach: () => undefined };
      const onMessage = (reply: BatchWorkerReply) => this.settle(slot, reply);
      const onError = (err: Error) => this.die(slot, new PipelineWorkerError(id, err.message, { cause: err }));
      const onExit = (code: number) => this.die(slot, new PipelineWorkerError(id, `exited with code ${code}`));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      slot.detach = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      // Idle workers do not keep the process alive: a consumer that stops without close() cannot hang it.
      worker.unref();
      return slot;
    });
  }

  /** Preprocesses one batch; resolves with its NHWC floats, or rejects naming the image or worker at fault. */
  run(job: Omit<BatchJob, 'type' | 'seq'>, sources: JobSource[]): Promise<Float32Array> {
    const live = this.slots.filter((s) => !s.failure);
    if (this.terminated || live.length === 0) {
      return Promise.reject(this.slots.find((s) => s.failure)?.failure ?? new PipelineWorkerError(-1, 'the workers were stopped'));
    }
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const seq = this.seq++;
    return new Promise<Float32Array>((resolve, reject) => {
      slot.pending.set(seq, { sources, resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ ...job, type: 'batch', seq } satisfies BatchJob, [job.bytes]);
    });
  }

  private settle(slot: Slot, reply: BatchWorkerReply): void {
    const p = slot.pending.get(reply.seq);
    if (!p) return;
    slot.pending.delete(reply.seq);
    if (slot.pending.size === 0) slot.worker.unref();
    if (reply.type === 'batch') p.resolve(reply.images);
    else if (reply.type === 'image-failed') {
      const at = p.sources[reply.item];
      p.reject(new ExampleImageError(at.shard, at.index, reply.reason));
    } else {
      p.reject(new PipelineWorkerError(slot.id, reply.message, { cause: Object.assign(new Error(reply.message), { stack: reply.stack }) }));
    }
  }

  private die(slot: Slot, err: Error): void {
    if (slot.failure || this.terminated) return;
    slot.failure = err;
    for (const p of slot.pending.values()) p.reject(err);
    slot.pending.clear();
  }

  /**
   * Stops using the workers: idle ones go back to the pool for the next pipeline, ones in the middle of
   * a batch are ended (their jobs reject), and dead ones are dropped.
   */
  async release(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    const stopped = new PipelineWorkerError(-1, 'the workers were stopped');
    const ending: Promise<number>[] = [];
    for (const slot of this.slots) {
      slot.detach();
      const busy = slot.pending.size > 0;
      for (const p of slot.pending.values()) p.reject(stopped);
      slot.pending.clear();
      if (slot.failure || busy) ending.push(slot.worker.terminate());
      else releaseBatchWorker(slot.worker);
    }
    await Promise.all(ending);
  }

  /** Threads still running (for tests). */
  get running(): number {
    return this.terminated ? 0 : this.slots.filter((s) => !s.failure).length;
  }
}
