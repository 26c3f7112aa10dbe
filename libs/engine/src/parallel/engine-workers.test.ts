// The default worker count follows the backend; explicit counts are kept and bad ones named.
import { describe, expect, it } from 'vitest';
import { AUTO_ENGINE_WORKERS, engineWorkers } from './engine-workers';
import { ParallelOptionError } from './parallel-errors';

describe('engine workers', () => {
  it('engine workers - auto gives one per core on wasm and cpu, and 1 on TensorFlow', () => {
    expect(engineWorkers(AUTO_ENGINE_WORKERS, 'wasm', 4)).toBe(4);
    expect(engineWorkers(AUTO_ENGINE_WORKERS, 'cpu', 2)).toBe(2);
    expect(engineWorkers(AUTO_ENGINE_WORKERS, 'tensorflow', 8)).toBe(1);
    expect(engineWorkers(AUTO_ENGINE_WORKERS, 'tensorflow-gpu', 8)).toBe(1);
  });

  it('engine workers - an explicit count is kept on wasm and cpu', () => {
    expect(engineWorkers(3, 'wasm', 2)).toBe(3);
    expect(engineWorkers(1, 'cpu', 8)).toBe(1);
    expect(engineWorkers(1, 'tensorflow', 8)).toBe(1);
  });

  it('engine workers - more than one on TensorFlow is refused, naming the backend', () => {
    expect(() => engineWorkers(2, 'tensorflow-gpu', 8)).toThrow(/engine_workers: 2 workers on tensorflow-gpu/);
  });

  it('engine workers - a negative or fractional count names the flag', () => {
    expect(() => engineWorkers(-1, 'wasm')).toThrow(ParallelOptionError);
    expect(() => engineWorkers(1.5, 'wasm')).toThrow(/engine_workers: 1.5 must be a whole number/);
  });
});
