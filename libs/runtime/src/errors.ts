// Typed errors inside, one gRPC status at the edge: the single place that maps failures to codes.
import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import type { ErrorKind } from './finetune-error';

export { type ErrorKind, FinetuneError } from './finetune-error';

/** Every kind but 'internal', which takes the path of an untyped failure: a generic message, the stack logged. */
const CODES: Record<Exclude<ErrorKind, 'internal'>, status> = {
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

/** The kind that maps to a status; read as a plain field, since errors relayed from worker threads lose their class. */
export function errorKind(err: unknown): Exclude<ErrorKind, 'internal'> | undefined {
  const kind = (err as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && kind in CODES ? (kind as Exclude<ErrorKind, 'internal'>) : undefined;
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
