// The worker side: answers each numbered request once, one at a time and in order.
import { parentPort } from 'node:worker_threads';
import { toRemoteError, type WorkerEnvelope, type WorkerReply } from './messages';

/** A handler's answer; buffers in `transfer` move to the requester. */
export interface Answer {
  result: unknown;
  transfer?: ArrayBuffer[];
}

/**
 * Serves the requests posted to this worker thread with `handle`. They run one after another, so a write
 * lands before the next request reads it and two batches never fight over one core; a handler that throws
 * answers with the error as a RemoteError.
 */
export function serveRequests<R>(entry: string, handle: (request: R) => Promise<Answer>): void {
  const port = parentPort;
  if (!port) throw new Error(`${entry} runs as a worker thread`);
  let queue = Promise.resolve();
  port.on('message', ({ id, request }: WorkerEnvelope<R>) => {
    queue = queue.then(async () => {
      try {
        const { result, transfer } = await handle(request);
        port.postMessage({ id, ok: true, result } satisfies WorkerReply, transfer ?? []);
      } catch (error) {
        port.postMessage({ id, ok: false, error: toRemoteError(error) } satisfies WorkerReply);
      }
    });
  });
}
