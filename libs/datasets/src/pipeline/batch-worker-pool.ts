// Started preprocessing workers kept between pipelines: an evaluator runs one pass per checkpoint.
import type { Worker } from 'node:worker_threads';
import { startSourceWorker, workerEntryUrl } from '../source-worker';

/**
 * Starting a worker (tsx, sharp, and tfjs behind @finetune/nets) takes two seconds or more on a busy
 * machine, longer than a small evaluation pass. Idle workers are unref'd, so they never keep the
 * process alive.
 */
const idle = new Set<Worker>();
/** More idle workers than this are ended rather than kept. */
const MAX_IDLE_BATCH_WORKERS = 8;

function spawn(): Worker {
  const worker = startSourceWorker(workerEntryUrl('./batch-worker', import.meta.url));
  worker.on('exit', () => idle.delete(worker));
  // An idle worker's errors end it, and 'exit' drops it from the pool; a pipeline attaches its own listener.
  worker.on('error', () => undefined);
  return worker;
}

export function takeBatchWorker(): Worker {
  const reuse = idle.values().next();
  if (reuse.done) return spawn();
  idle.delete(reuse.value);
  return reuse.value;
}

/** Only for a worker with no job in hand: a late reply would reach the next pipeline. */
export function releaseBatchWorker(worker: Worker): void {
  if (idle.size >= MAX_IDLE_BATCH_WORKERS) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle.add(worker);
}

/** Ends the idle workers (for tests and orderly shutdown). */
export async function closeIdleBatchWorkers(): Promise<void> {
  const all = [...idle];
  idle.clear();
  await Promise.all(all.map((w) => w.terminate()));
}
