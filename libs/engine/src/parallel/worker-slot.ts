// One engine or model worker thread seen from the main thread: the runtime's worker requests, with the
// pool's errors (WorkerTaskError naming the request, WorkerExitedError once the thread is gone).
import type { Worker } from 'node:worker_threads';
import { WorkerRequester } from '@finetune/runtime/worker-requests';
import { WorkerExitedError, WorkerTaskError } from './parallel-errors';

export class WorkerSlot<R extends { kind: string }> {
  private readonly requester: WorkerRequester<R, string>;

  /**
   * `role` names the worker in errors (`engine worker 1`); `onExit` hears once that the thread ended
   * (crash, out of memory, terminate), after its pending requests were failed.
   */
  constructor(
    readonly index: number,
    readonly worker: Worker,
    role = 'engine worker',
    onExit?: (error: WorkerExitedError) => void,
  ) {
    this.requester = new WorkerRequester<R, string>(worker, {
      remoteError: (error, request) => new WorkerTaskError(index, request, error.name, error.kind, error.message, role),
      ended: ({ why }) => new WorkerExitedError(index, why, role),
      onEnd: onExit && ((error) => onExit(error as WorkerExitedError)),
    });
  }

  /** Set once the thread has ended; requests then fail with it. */
  get gone(): WorkerExitedError | undefined {
    return this.requester.gone as WorkerExitedError | undefined;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.requester.inFlight;
  }

  /** Sends one request; buffers in `transfer` move to the worker and are unusable here afterwards. */
  request<T>(request: R, transfer: ArrayBuffer[] = []): Promise<T> {
    return this.requester.request<T>(request, request.kind, transfer);
  }

  /** Ends the thread; pending requests fail with `why`. */
  terminate(why = 'the pool was disposed'): Promise<void> {
    return this.requester.terminate(why);
  }
}
