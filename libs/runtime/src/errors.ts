// Typed errors inside, one gRPC status at the edge: the single place that maps failures to codes.
import { status, type ServiceError, Metadata } from '@grpc/grpc-js';

/**
 * What kind of failure an error is. Libraries set `kind` on their typed errors (a plain string field,
 * so they need not depend on gRPC); only this module turns it into a status code.
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
  | 'deadline-exceeded';

const CODES: Record<ErrorKind, status> = {
  'invalid-argument': status.INVALID_ARGUMENT,
  'not-found': status.NOT_FOUND,
  'already-exists': status.ALREADY_EXISTS,
  'failed-precondition': status.FAILED_PRECONDITION,
  'resource-exhausted': status.RESOURCE_EXHAUSTED,
  unimplemented: status.UNIMPLEMENTED,
  unavailable: status.UNAVAILABLE,
  cancelled: status.CANCELLED,
  'deadline-exceeded': status.DEADLINE_EXCEEDED,
};

/** Base for errors thrown by services themselves; libraries may use it or just set `kind`. */
export class FinetuneError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FinetuneError';
  }
}

export function errorKind(err: unknown): ErrorKind | undefined {
  const kind = (err as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && kind in CODES ? (kind as ErrorKind) : undefined;
}

/** The status a client sees. Unknown failures are INTERNAL with a generic message; the stack goes to the log. */
export function toServiceError(err: unknown): Partial<ServiceError> & { code: status; details: string } {
  const kind = errorKind(err);
  if (kind) {
    const message = (err as Error).message;
    return { code: CODES[kind], details: message, message, metadata: new Metadata() };
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'number' && code > 0 && code <= 16 && typeof (err as ServiceError).details === 'string') {
    return err as ServiceError; // already a gRPC status (e.g. from a downstream call)
  }
  const details = `internal error: ${(err as Error)?.message ?? String(err)}`;
  return { code: status.INTERNAL, details, message: details, metadata: new Metadata() };
}
