// How many engine workers split each batch: one per core where tfjs computes on one thread (wasm, cpu).
import type { BackendName } from '../backend-choice';
import { cpuBudget } from './cpu-budget';
import { ParallelOptionError } from './parallel-errors';

/** The value of --engine_workers that asks for the default. */
export const AUTO_ENGINE_WORKERS = 0;

/**
 * `requested` workers, or with AUTO_ENGINE_WORKERS: one per core on wasm and cpu (a container's CPU limit counts) (tfjs turns wasm threads off
 * in Node, so a second core only works through a second worker), and 1 on TensorFlow, which threads itself
 * (more is refused there). 1 means no workers: the caller computes on its own thread.
 */
export function engineWorkers(requested: number, backend: BackendName, cores = cpuBudget()): number {
  if (!(Number.isSafeInteger(requested) && requested >= 0)) throw new ParallelOptionError('engine_workers', `${requested} must be a whole number (0: one per core on wasm and cpu)`);
  const singleThreaded = backend === 'wasm' || backend === 'cpu';
  if (requested > 1 && !singleThreaded) {
    throw new ParallelOptionError('engine_workers', `${requested} workers on ${backend}: TensorFlow already computes on every core, and workers run wasm or cpu only; leave it at 0 or 1`);
  }
  if (requested !== AUTO_ENGINE_WORKERS) return requested;
  return singleThreaded ? Math.max(1, cores) : 1;
}

/** What the workers run: the process's backend where it is wasm or cpu (the only ones engineWorkers allows more than one worker on). */
export function workerBackend(backend: BackendName): 'wasm' | 'cpu' {
  return backend === 'cpu' ? 'cpu' : 'wasm';
}
