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
