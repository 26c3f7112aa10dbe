// What the engine bench runs: which nets, at what size and batch, on how many workers; defaults and BENCH_* variables.
import { BENCH_NETS, isBenchNet, type BenchNet } from './bench-nets';

export interface EngineBenchOptions {
  nets: BenchNet[];
  /** Square input size; undefined: each net's default (224, 299). */
  imageSize?: number;
  /** Images per batch; undefined: each net's (bench-nets: 32 for the MobileNets, 8 for the others). */
  batch?: number;
  /** Timed repetitions after the warm-ups; the median (of two: the slower) is reported. @default each net's */
  runs?: number;
  /** @default 2 */
  workers: number;
  /**
   * Nets whose training is also timed on one thread (the session on the main thread), the baseline of the
   * data-parallel figures. @default ['mobilenet_v2'] (inception_v3's would add minutes)
   */
  singleThreadTraining: BenchNet[];
  /**
   * Nets also given one every-layer data-parallel step at batch 32, to show it fits the workers' wasm heaps.
   * @default ['inception_v3'] (at 299 px the largest activations of the zoo)
   */
  batch32Training: BenchNet[];
}

/** The batch of the memory check: the reference's --batch_size default. */
export const BATCH_32 = 32;

export function defaultEngineBenchOptions(): EngineBenchOptions {
  return { nets: [...BENCH_NETS], workers: 2, singleThreadTraining: ['mobilenet_v2'], batch32Training: ['inception_v3'] };
}

/**
 * BENCH_SIZE, BENCH_BATCH, BENCH_RUNS, BENCH_WORKERS, and BENCH_NETS, BENCH_SINGLE_TRAINING and BENCH_BATCH32
 * (comma-separated nets, `none` for none) over the defaults.
 */
export function engineBenchOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): EngineBenchOptions {
  const o = defaultEngineBenchOptions();
  const int = (name: string, min: number): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!(Number.isInteger(value) && value >= min)) throw new Error(`${name}=${raw}: an integer >= ${min} expected`);
    return value;
  };
  const nets = (name: string): BenchNet[] | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (raw === 'none') return [];
    const list = raw.split(',').map((n) => n.trim() as BenchNet);
    const unknown = list.find((n) => !isBenchNet(n));
    if (unknown) throw new Error(`${name}: unknown net ${unknown}; known: ${BENCH_NETS.join(', ')}`);
    return list;
  };
  o.nets = nets('BENCH_NETS') ?? o.nets;
  o.singleThreadTraining = nets('BENCH_SINGLE_TRAINING') ?? o.singleThreadTraining;
  o.batch32Training = nets('BENCH_BATCH32') ?? o.batch32Training;
  o.imageSize = int('BENCH_SIZE', 32);
  o.batch = int('BENCH_BATCH', 1);
  o.runs = int('BENCH_RUNS', 1) ?? o.runs;
  o.workers = int('BENCH_WORKERS', 1) ?? o.workers;
  return o;
}
