// The requester side: numbered requests out to one worker thread, one reply each back, and every pending
// request failed the moment the thread ends.
import type { Worker } from 'node:worker_threads';
import type { RemoteError, WorkerEnvelope, WorkerReply } from './messages';

/** How the thread ended: `why` for a message, `cause` when it was an uncaught error. */
export interface WorkerEnd {
  why: string;
  cause?: Error;
}

export interface WorkerRequesterOptions<C> {
  /** The error a request rejects with when the worker answers with one; `context` is what the request was sent with. */
  remoteError(error: RemoteError, context: C): Error;
  /** The error pending and later requests reject with once the thread has ended. */
  ended(end: WorkerEnd): Error;
  /** Hears once that the thread ended, after its pending requests were failed. */
  onEnd?(error: Error): void;
  /** unref the worker while nothing is pending, so an idle worker never keeps the process alive. @default false */
  unrefWhenIdle?: boolean;
}

interface Pending<C> {
  context: C;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Request ids are unique in the process, so a late reply can never settle another requester's request. */
let nextId = 1;

export class WorkerRequester<R, C = undefined> {
  private readonly pending = new Map<number, Pending<C>>();
  private ended: Error | undefined;
  private readonly listeners: { message: (reply: WorkerReply) => void; error: (error: Error) => void; exit: (code: number) => void };

  constructor(
    readonly worker: Worker,
    private readonly options: WorkerRequesterOptions<C>,
  ) {
    this.listeners = {
      message: (reply) => this.settle(reply),
      error: (error) => this.end({ why: `uncaught ${error.name}: ${error.message}`, cause: error }),
      exit: (code) => this.end({ why: `exited with code ${code}` }),
    };
    worker.on('message', this.listeners.message).on('error', this.listeners.error).on('exit', this.listeners.exit);
    if (options.unrefWhenIdle) worker.unref();
  }

  /** Set once the thread has ended; requests then fail with it. */
  get gone(): Error | undefined {
    return this.ended;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends one request; buffers in `transfer` move to the worker and are unusable here afterwards. */
  request<T>(request: R, context: C, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { context, resolve: resolve as (value: unknown) => void, reject });
      if (this.options.unrefWhenIdle) this.worker.ref();
      this.worker.postMessage({ id, request } satisfies WorkerEnvelope<R>, transfer);
    });
  }

  /** Rejects every pending request with `error`; the thread keeps running. */
  rejectPending(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    if (this.options.unrefWhenIdle) this.worker.unref();
  }

  /** Stops listening to the worker, so it can serve another requester (a pool reusing threads). */
  detach(): void {
    this.worker.off('message', this.listeners.message).off('error', this.listeners.error).off('exit', this.listeners.exit);
  }

  /** Ends the thread; pending requests fail with the error `ended` makes of `why`. */
  async terminate(why: string): Promise<void> {
    if (this.ended) return;
    this.end({ why });
    await this.worker.terminate();
  }

  private settle(reply: WorkerReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0 && this.options.unrefWhenIdle) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(this.options.remoteError(reply.error, waiting.context));
  }

  private end(end: WorkerEnd): void {
    if (this.ended) return;
    this.ended = this.options.ended(end);
    this.rejectPending(this.ended);
    this.options.onEnd?.(this.ended);
  }
}
