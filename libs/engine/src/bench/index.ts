// The engine's benchmarks, imported as @finetune/engine/bench by the bench runner (test/bench); not in the index.
export { MOBILENET_V2_CASES, benchKernels, defaultBenchOptions } from './kernels-bench';
export type { BenchCase, BenchOptions, BenchResult } from './kernels-bench';
export { benchRounds, benchScopes } from './bench-nets';
export {
  BENCH_MODES,
  BENCH_NETS,
  benchEngine,
  defaultEngineBenchOptions,
  engineBenchOptionsFromEnv,
  WARM_UP_ROUNDS,
  type BenchMode,
  type BenchNet,
  type EngineBenchOptions,
  type EngineBenchResult,
  type EngineBenchTiming,
} from './engine-bench';
