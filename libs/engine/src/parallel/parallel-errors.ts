// Typed errors of the worker pool; each names the worker, the option or the request at fault.
import { type ErrorKind, FinetuneError } from '@finetune/runtime/finetune-error';

/** A pool option is out of range (worker count, image buffer size). */
export class ParallelOptionError extends FinetuneError {
  constructor(
    readonly option: string,
    readonly why: string,
  ) {
    super('invalid-argument', `parallel option ${option}: ${why}`);
  }
}

/**
 * A request failed inside a worker. `remoteName` and `kind` are the worker's error's, so the gRPC mapping of
 * e.g. an InvalidBatchError stays INVALID_ARGUMENT when it is raised in a worker.
 */
export class WorkerTaskError extends FinetuneError {
  constructor(
    readonly worker: number,
    readonly request: string,
    readonly remoteName: string,
    /** The worker's error's kind as it came over the thread boundary; one that is no ErrorKind maps to INTERNAL. */
    kind: string,
    message: string,
    /** Names the worker in the message: `engine worker`, `model worker`. */
    readonly role = 'engine worker',
  ) {
    super(kind as ErrorKind, `${role} ${worker}, ${request}: ${remoteName}: ${message}`);
  }
}

/** A worker ended (crash, out of memory, terminated) while requests were pending or after the pool was closed. */
export class WorkerExitedError extends FinetuneError {
  constructor(
    readonly worker: number,
    readonly why: string,
    readonly role = 'engine worker',
  ) {
    super('unavailable', `${role} ${worker} is gone: ${why}`);
  }
}
