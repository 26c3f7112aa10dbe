// Public API of the compute engine: backend choice and the kernels Finetune adds to wasm.
export { backendName, defaultInitBackendOptions, initBackend } from './backend';
export { BACKEND_METRIC, exportBackendMetric } from './backend-metric';
export type { InitBackendOptions } from './backend';
export { BACKEND_ENV_VAR, BACKEND_NAMES, chooseBackend, forcedBackend } from './backend-choice';
export type { BackendChoice, BackendLoader, BackendName } from './backend-choice';
export { BackendConflictError, BackendUnavailableError, NoBackendError, UnknownBackendError } from './backend-errors';
export { registerWasmKernels, wasmKernelConfigs } from './wasm/register-wasm-kernels';
export { KernelArgumentError } from './wasm/kernel-errors';
export { MOBILENET_V2_CASES, benchKernels, defaultBenchOptions } from './bench/kernels-bench';
export type { BenchCase, BenchOptions, BenchResult } from './bench/kernels-bench';
export { createTrainingSession, GLOBAL_STEP, type SplitSummary, type StepOptions, type StepResult, type TrainingSession } from './training/training-session';
export type { TrainingSessionOptions } from './training/training-options';
export type { FrozenBatchNorm } from './training/split-plan';
export { FeatureCache, FEATURE_CACHE_MEMORY_BYTES, type FeatureCacheOptions } from './training/feature-cache';
export { AUX_LOSS_WEIGHT } from './training/classification-loss';
export { WEIGHT_DECAY, isRegularizedByDefault } from './training/weight-decay';
export {
  FeatureCacheMissError,
  InvalidBatchError,
  InvalidTrainingOptionError,
  NonFiniteLossError,
  UnknownStateEntryError,
  UnknownVariableError,
  UnsupportedModelError,
} from './training/training-errors';
export { getOptimizer, OPTIMIZER_NAMES } from './optimizers/optimizers-factory';
export { defaultOptimizerOptions, OPTIMIZER_FLAGS, type OptimizerOptions } from './optimizers/optimizer-options';
export type { OptimizerName, SlimOptimizer } from './optimizers/optimizer';
export { InvalidOptimizerOptionError, StateShapeError, UnknownOptimizerError, UnregisteredParameterError } from './optimizers/optimizer-errors';
export { getSchedule, SCHEDULE_NAMES } from './schedules/schedules-factory';
export { defaultScheduleOptions, type LearningRateSchedule, type ScheduleName, type ScheduleOptions } from './schedules/learning-rate-schedule';
export { InvalidScheduleOptionError, UnknownScheduleError } from './schedules/schedule-errors';
