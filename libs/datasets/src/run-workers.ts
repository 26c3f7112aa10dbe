// Runs one worker thread per thread range, relays progress, and fails or aborts them all together.
import type { Worker } from 'node:worker_threads';
import type { SplitName } from './convert-options';
import { ConversionAbortedError, ConversionWorkerError, InvalidImageError } from './errors';
import { closeIdleBatchWorkers } from './pipeline/batch-worker-pool';
import { startSourceWorker, workerEntryUrl } from './source-worker';
import type { ShardResult, SkippedImage, WorkerCommand, WorkerInput, WorkerMessage } from './worker-protocol';

export interface WorkerHooks {
  onImage: (split: SplitName) => void;
  onSkipped: (split: SplitName, image: SkippedImage) => void;
  signal?: AbortSignal;
}

/** Workers run the TypeScript source (no build step); see source-worker.ts for how. */
function spawn(): Worker {
  const worker = startSourceWorker(workerEntryUrl('./convert-worker', import.meta.url));
  worker.on('exit', () => idle.delete(worker));
  // An idle worker's own listener stays attached; its errors end it, and 'exit' drops it from the pool.
  worker.on('error', () => undefined);
  return worker;
}

/**
 * Started workers kept for the next conversion: starting one (tsx, sharp) costs about a second, more
 * than converting a small dataset. Idle workers are unref'd, so they never keep the process alive.
 */
const idle = new Set<Worker>();
/** A worker asked to stop gets this long to finish its current image before it is ended. */
const STOP_GRACE_MS = 30_000;
/** More idle workers than this are ended rather than kept. */
const MAX_IDLE_WORKERS = 8;

function take(): Worker {
  const reuse = idle.values().next();
  if (!reuse.done) {
    idle.delete(reuse.value);
    reuse.value.ref();
    return reuse.value;
  }
  return spawn();
}

function release(worker: Worker): void {
  if (idle.size >= MAX_IDLE_WORKERS) {
    void worker.terminate();
    return;
  }
  worker.unref();
  idle.add(worker);
}

/** Ends the idle workers, the input pipeline's too (for tests and orderly shutdown). */
export async function closeIdleWorkers(): Promise<void> {
  const all = [...idle];
  idle.clear();
  await Promise.all([...all.map((w) => w.terminate()), closeIdleBatchWorkers()]);
}

export async function runWorkers(inputs: WorkerInput[], hooks: WorkerHooks): Promise<ShardResult[]> {
  if (hooks.signal?.aborted) throw new ConversionAbortedError({ cause: hooks.signal.reason });
  const running = new Set<Worker>();
  const shards: ShardResult[] = [];
  let failure: Error | undefined;
  /** Asks the others to stop after their current image (so they stay reusable); ends them if they do not. */
  const stopAll = (err: Error) => {
    if (failure) return;
    failure = err;
    for (const w of running) {
      w.postMessage({ type: 'stop' } satisfies WorkerCommand);
      setTimeout(() => running.has(w) && void w.terminate(), STOP_GRACE_MS).unref();
    }
  };
  const onAbort = () => stopAll(new ConversionAbortedError({ cause: hooks.signal?.reason }));
  hooks.signal?.addEventListener('abort', onAbort, { once: true });

  const runs = inputs.map(
    (input) =>
      new Promise<void>((resolve) => {
        const worker = take();
        running.add(worker);
        const finish = (reusable: boolean) => {
          running.delete(worker);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          if (reusable) release(worker);
          else void worker.terminate();
          resolve();
        };
        const onMessage = (m: WorkerMessage) => {
          switch (m.type) {
            case 'image':
              hooks.onImage(m.split);
              break;
            case 'skipped':
              hooks.onSkipped(m.split, m.image);
              break;
            case 'shard':
              shards.push(m.result);
              break;
            case 'invalid-image':
              stopAll(new InvalidImageError(m.image.path, m.image.reason));
              finish(true);
              break;
            case 'failed':
              stopAll(new ConversionWorkerError(input.worker, m.message, { cause: Object.assign(new Error(m.message), { stack: m.stack }) }));
              finish(false);
              break;
            case 'done':
            case 'stopped':
              finish(true);
              break;
          }
        };
        const onError = (err: Error) => stopAll(new ConversionWorkerError(input.worker, err.message, { cause: err }));
        const onExit = (code: number) => {
          stopAll(new ConversionWorkerError(input.worker, `exited with code ${code} before finishing`));
          finish(false);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.postMessage({ type: 'run', input } satisfies WorkerCommand);
      }),
  );
  try {
    await Promise.all(runs);
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure;
  return shards;
}
