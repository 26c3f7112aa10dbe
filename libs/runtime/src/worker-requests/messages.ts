// What crosses the thread boundary between a requester and its worker: numbered requests, one reply each.

/**
 * An error as it crosses the thread boundary: its class name and kind survive, its prototype does not.
 * `details` carries what the requester needs to name the thing at fault (e.g. which image of a batch).
 */
export interface RemoteError {
  name: string;
  kind: string;
  message: string;
  stack?: string;
  details?: Record<string, string | number>;
}

/** What the requester posts: the request, numbered so the reply can find its caller. */
export interface WorkerEnvelope<R> {
  id: number;
  request: R;
}

/** What a worker posts back for the request numbered `id`. */
export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: RemoteError };

/** `error` as a RemoteError; `kind` is kept when the error has one (typed errors), else `internal`. */
export function toRemoteError(error: unknown): RemoteError {
  if (error instanceof Error) {
    const kind = 'kind' in error && typeof error.kind === 'string' ? error.kind : 'internal';
    const details = 'details' in error && error.details && typeof error.details === 'object' ? { details: error.details as RemoteError['details'] } : {};
    return { name: error.name, kind, message: error.message, stack: error.stack, ...details };
  }
  return { name: 'Error', kind: 'internal', message: String(error) };
}
