// One worker thread seen from the main thread: numbered requests out, one reply each back, and every pending
// request failed with WorkerExitedError the moment the thread ends.
import type { Worker } from 'node:worker_threads';
import { WorkerExitedError, WorkerTaskError } from './parallel-errors';

/** An error as it crosses the thread boundary: its class name and gRPC kind survive, its prototype does not. */
export interface RemoteError {
  name: string;
  kind: string;
  message: string;
}

/** What a worker posts back for the request numbered `id`. */
export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: RemoteError };

/** What the main thread posts: the request, numbered so the reply can find its caller. */
export interface WorkerEnvelope<R> {
  id: number;
  request: R;
}

/** `error` as a RemoteError; `kind` is kept when the error has one (typed lib errors), else `internal`. */
export function toRemoteError(error: unknown): RemoteError {
  if (error instanceof Error) {
    const kind = 'kind' in error && typeof error.kind === 'string' ? error.kind : 'internal';
    return { name: error.name, kind, message: error.message };
  }
  return { name: 'Error', kind: 'internal', message: String(error) };
}

interface Pending {
  request: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

let nextId = 1;

export class WorkerSlot<R extends { kind: string }> {
  private readonly pending = new Map<number, Pending>();
  private exited: WorkerExitedError | undefined;

  /**
   * `role` names the worker in errors (`engine worker 1`); `onExit` hears once that the thread ended
   * (crash, out of memory, terminate), after its pending requests were failed.
   */
  constructor(
    readonly index: number,
    readonly worker: Worker,
    private readonly role = 'engine worker',
    private readonly onExit?: (error: WorkerExitedError) => void,
  ) {
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new WorkerTaskError(index, waiting.request, reply.error.name, reply.error.kind, reply.error.message, role));
    });
    worker.on('error', (error) => this.fail(`uncaught ${error.name}: ${error.message}`));
    worker.on('exit', (code) => this.fail(`exited with code ${code}`));
  }

  /** Set once the thread has ended; requests then fail with it. */
  get gone(): WorkerExitedError | undefined {
    return this.exited;
  }

  /** Requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends one request; buffers in `transfer` move to the worker and are unusable here afterwards. */
  request<T>(request: R, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { request: request.kind, resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, request } satisfies WorkerEnvelope<R>, transfer);
    });
  }

  /** Ends the thread; pending requests fail with `why`. */
  async terminate(why = 'the pool was disposed'): Promise<void> {
    if (this.exited) return;
    this.fail(why);
    await this.worker.terminate();
  }

  private fail(why: string): void {
    if (this.exited) return;
    this.exited = new WorkerExitedError(this.index, why, this.role);
    for (const waiting of this.pending.values()) waiting.reject(this.exited);
    this.pending.clear();
    this.onExit?.(this.exited);
  }
}
