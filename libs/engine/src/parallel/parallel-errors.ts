// Typed errors of the worker pool; each names the worker, the option or the request at fault.

/** A pool option is out of range (worker count, image buffer size). */
export class ParallelOptionError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'ParallelOptionError';

  constructor(
    readonly option: string,
    readonly why: string,
  ) {
    super(`parallel option ${option}: ${why}`);
  }
}

/**
 * A request failed inside a worker. `remoteName` and `kind` are the worker's error's, so the gRPC mapping of
 * e.g. an InvalidBatchError stays INVALID_ARGUMENT when it is raised in a worker.
 */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';

  constructor(
    readonly worker: number,
    readonly request: string,
    readonly remoteName: string,
    readonly kind: string,
    message: string,
    /** Names the worker in the message: `engine worker`, `model worker`. */
    readonly role = 'engine worker',
  ) {
    super(`${role} ${worker}, ${request}: ${remoteName}: ${message}`);
  }
}

/** A worker ended (crash, out of memory, terminated) while requests were pending or after the pool was closed. */
export class WorkerExitedError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'unavailable';
  override readonly name = 'WorkerExitedError';

  constructor(
    readonly worker: number,
    readonly why: string,
    readonly role = 'engine worker',
  ) {
    super(`${role} ${worker} is gone: ${why}`);
  }
}
