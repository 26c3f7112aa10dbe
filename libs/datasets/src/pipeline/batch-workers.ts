// The pipeline's preprocessing threads: hands each batch to the least busy one and settles its reply.
import { type RemoteError, WorkerRequester } from '@finetune/runtime/worker-requests';
import { releaseBatchWorker, takeBatchWorker } from './batch-worker-pool';
import type { BatchJob } from './batch-worker-protocol';
import { ExampleImageError, PipelineWorkerError } from './pipeline-errors';

/** Where each image of a job came from, to name it in errors. */
export interface JobSource {
  /** Shard path. */
  shard: string;
  index: number;
}

export class BatchWorkers {
  private readonly slots: WorkerRequester<BatchJob, JobSource[]>[];
  private terminated = false;

  constructor(count: number) {
    // Idle workers are unref'd: a consumer that stops without close() cannot hang the process.
    this.slots = Array.from({ length: count }, (_, id) => new WorkerRequester<BatchJob, JobSource[]>(takeBatchWorker(), {
      remoteError: (error, sources) => failure(id, error, sources),
      ended: ({ why, cause }) => new PipelineWorkerError(id, cause?.message ?? why, cause && { cause }),
      unrefWhenIdle: true,
    }));
  }

  /** Preprocesses one batch; resolves with its NHWC floats, or rejects naming the image or worker at fault. */
  run(job: BatchJob, sources: JobSource[]): Promise<Float32Array> {
    const live = this.slots.filter((s) => !s.gone);
    if (this.terminated || live.length === 0) {
      return Promise.reject(this.slots.find((s) => s.gone)?.gone ?? new PipelineWorkerError(-1, 'the workers were stopped'));
    }
    const slot = live.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    return slot.request<Float32Array>(job, sources, [job.bytes]);
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
      const busy = slot.inFlight > 0;
      slot.rejectPending(stopped);
      if (slot.gone || busy) ending.push(slot.worker.terminate());
      else releaseBatchWorker(slot.worker);
    }
    await Promise.all(ending);
  }

  /** Threads still running (for tests). */
  get running(): number {
    return this.terminated ? 0 : this.slots.filter((s) => !s.gone).length;
  }
}

/** A worker's error as the pipeline reports it: the image by shard and index, or the worker and its stack. */
function failure(worker: number, error: RemoteError, sources: JobSource[]): Error {
  const item = error.details?.item;
  if (typeof item === 'number' && sources[item]) return new ExampleImageError(sources[item].shard, sources[item].index, error.message);
  return new PipelineWorkerError(worker, error.message, { cause: Object.assign(new Error(error.message), { stack: error.stack }) });
}
