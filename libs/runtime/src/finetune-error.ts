// The one base of Finetune's typed errors: what kind of failure it is, what caused it, and a name to log.
// Imported as @finetune/runtime/finetune-error by libraries that must not load the service runtime (or gRPC).

/**
 * What kind of failure an error is. Only the runtime's errors module turns it into a gRPC status code;
 * 'internal' is a fault of Finetune itself (a corrupt snappy block, a kernel given a bad shape): the client
 * sees INTERNAL and the stack is logged.
 */
export type ErrorKind =
  | 'invalid-argument'
  | 'not-found'
  | 'already-exists'
  | 'failed-precondition'
  | 'resource-exhausted'
  | 'unimplemented'
  | 'unavailable'
  | 'cancelled'
  | 'deadline-exceeded'
  | 'internal';

/**
 * Base of every typed error. Subclasses name the thing at fault in their fields and message and pass their
 * kind; `name` is the subclass's own, so logs and a worker's error report say which one it was.
 */
export class FinetuneError<K extends ErrorKind = ErrorKind> extends Error {
  constructor(
    readonly kind: K,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
