// How the engine bench times work: untimed warm-up rounds, then timed rounds of several works in turn (so each
// sees the same load), the median of each. Ratios only hold within one run: the machines are noisy.
import type { ParallelStepTimes } from '../parallel/parallel-trainer';

export interface EngineBenchTiming {
  /** Median seconds per batch. */
  seconds: number;
  imagesPerSec: number;
  microBatch?: number;
  /**
   * Data-parallel only: the median share of a step outside the slowest worker's compute — shipping images and
   * gradients, summing them, the optimizer, broadcasting weights.
   */
  overhead?: number;
}

/**
 * Untimed rounds before the timed ones by default: the first runs of a graph compile kernels and grow the wasm heap,
 * and a training step only settles at its second or third run (MobileNetV2 224, every layer: 6.3 s, 4.6 s, then 3.7 s).
 */
export const WARM_UP_ROUNDS = 2;

/** Rounds and batch of one net's figures. */
export interface Rounds {
  batch: number;
  runs: number;
  warmUps: number;
}

/** Runs each of `works` in turn, `warmUps` untimed rounds then `runs` timed rounds; the median seconds of each. */
export async function timedTogether(r: Rounds, works: (() => Promise<unknown>)[]): Promise<EngineBenchTiming[]> {
  const seconds = works.map(() => [] as number[]);
  for (let i = 0; i < r.warmUps + r.runs; i++) {
    for (const [k, work] of works.entries()) {
      const start = performance.now();
      await work();
      if (i >= r.warmUps) seconds[k]!.push((performance.now() - start) / 1000);
    }
  }
  return seconds.map((list) => {
    list.sort((a, b) => a - b);
    const median = list[Math.floor(list.length / 2)] ?? Number.NaN;
    return { seconds: median, imagesPerSec: r.batch / median };
  });
}

export async function timed(r: Rounds, work: () => Promise<unknown>): Promise<EngineBenchTiming> {
  return (await timedTogether(r, [work]))[0]!;
}

/** A step's timing (with its share outside the workers) and, given `alongside`, that work's from the same rounds. */
export async function timedStep(
  r: Rounds, work: () => Promise<{ microBatch: number }>, times?: () => ParallelStepTimes | undefined, alongside?: () => Promise<unknown>,
): Promise<{ step: EngineBenchTiming; alongside?: EngineBenchTiming }> {
  let microBatch = 0;
  const overheads: number[] = [];
  const step = async () => {
    microBatch = (await work()).microBatch;
    const t = times?.();
    if (t) overheads.push(1 - Math.max(...t.workerSeconds) / t.seconds);
  };
  const [timing, other] = await timedTogether(r, alongside ? [step, alongside] : [step]);
  overheads.sort((a, b) => a - b);
  return {
    step: { ...timing!, microBatch, ...(times ? { overhead: overheads[Math.floor(overheads.length / 2)] } : {}) },
    ...(other ? { alongside: other } : {}),
  };
}
