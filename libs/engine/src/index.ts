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
export { defaultOptimizerOptions, OPTIMIZER_OPTIONS, type OptimizerOptions } from './optimizers/optimizer-options';
export type { OptimizerName, SlimOptimizer } from './optimizers/optimizer';
export { InvalidOptimizerOptionError, StateShapeError, UnknownOptimizerError, UnregisteredParameterError } from './optimizers/optimizer-errors';
export { getSchedule, SCHEDULE_NAMES } from './schedules/schedules-factory';
export { defaultScheduleOptions, type LearningRateSchedule, type ScheduleName, type ScheduleOptions } from './schedules/learning-rate-schedule';
export { InvalidScheduleOptionError, UnknownScheduleError } from './schedules/schedule-errors';
export { accuracy } from './evaluation/accuracy';
export { clampK, DEFAULT_RECALL_K, recallAtK } from './evaluation/recall-at-k';
export { inTopK } from './evaluation/in-top-k';
export { top1 } from './evaluation/top-1';
export { addToConfusionMatrix, confusionMatrix, emptyConfusionMatrix, type ConfusionMatrix } from './evaluation/confusion-matrix';
export { perClassMetrics, type ClassMetrics } from './evaluation/per-class-metrics';
export { softmaxCrossEntropy } from './evaluation/softmax-cross-entropy';
export { createMetricsAccumulator, type EvaluationMetrics, type MetricsAccumulator } from './evaluation/metrics-accumulator';
export { MAX_MISCLASSIFIED, type MisclassifiedExample } from './evaluation/misclassified';
export { evaluateCheckpoint, type CheckpointEvaluation } from './evaluation/evaluate-checkpoint';
export { EvaluationWorkers, type EvaluationWorkersSpec } from './evaluation/evaluation-workers';
export {
  DEFAULT_EVAL_BATCH_SIZE,
  DEFAULT_EVAL_MODEL,
  DEFAULT_EVAL_SPLIT,
  resolveEvaluateOptions,
  type EvaluateCheckpointOptions,
} from './evaluation/evaluate-options';
export { pipelineEvalBatches, type EvalBatch, type EvalBatchOptions, type EvalBatchSource } from './evaluation/eval-batches';
export { checkpointExists, resolveCheckpoint, type ResolvedCheckpoint } from './evaluation/resolve-checkpoint';
export {
  EVAL_DIR_NAME,
  EVALUATION_RECORD_FORMAT,
  evaluatedRecord,
  evaluationId,
  evaluationRecordPath,
  listEvaluationRecords,
  parseEvaluationRecord,
  readEvaluationRecord,
  skippedRecord,
  writeEvaluationRecord,
  type ClassMetricsRecord,
  type EvaluatedRecord,
  type EvaluationRecord,
  type MisclassifiedRecord,
  type RecordOwner,
  type SkippedRecord,
} from './evaluation/evaluation-record';
export {
  CheckpointNotFoundError,
  DatasetMismatchError,
  EmptySplitError,
  EvaluationAbortedError,
  EvaluationError,
  EvaluationOptionError,
  InvalidEvaluationRecordError,
  type EvaluationErrorKind,
} from './evaluation/evaluation-errors';
export { runResolvedTrainingJob, runTrainingJob, stepLogLine, type JobLog, type StepReport, type TrainingJobHooks, type TrainingJobResult, type TrainingProgress, type TrainingStart } from './jobs/run-training-job';
export { checkTrainingJob } from './jobs/check-training-job';
export {
  BATCH_SIZE,
  DATASET_SPLIT_NAME,
  FROM_SCRATCH,
  LEARNING_RATE_DECAY_TYPE,
  LOG_EVERY_N_STEPS,
  KEEP_CHECKPOINT_MAX,
  MODEL_NAME,
  NUM_PREPROCESSING_THREADS,
  OPTIMIZER,
  SAVE_INTERVAL_SECS,
  SAVE_SUMMARIES_SECS,
} from './jobs/train-defaults';
export { defaultTrainOptions, resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from './jobs/train-options';
export { isFilePath, TRAIN_FLAGS, trainFlag, type TrainFlag } from './jobs/train-flags';
export { describeRange, inRange, type ValueRange } from './options/value-range';
export { cliChoice, enumValue, protoField, readField, writeField, type FlagRow, type FlagType, type FlagValue, type OptionField } from './jobs/flag-row';
export { ResumeMismatchError, TrainDirBusyError, TrainOptionError } from './jobs/train-errors';
export { LOCK_FILE, lockTrainDir, type TrainDirLock } from './jobs/train-dir-lock';
export { optionsToTrainingConfig, trainingConfigToOptions } from './jobs/training-config';
export { pretrainedPath, type StartPoint } from './jobs/start-point';
export type { SavedTrainingCheckpoint } from './jobs/training-checkpoint';
export type { TrainingBatch, TrainingBatches, TrainingInputOptions, TrainingInputSource } from './jobs/training-input';
export { readSummaries, SUMMARIES_FILE, SummaryWriter, type SummaryLine, type TrainingSummary } from './jobs/summaries-file';
export { createParallelPredictor, PREDICT_MICRO_BATCH, type ParallelPredictor, type ParallelPredictorOptions } from './parallel/parallel-predictor';
export { createParallelTrainer, type ParallelStepTimes, type ParallelTrainer, type ParallelTrainerOptions } from './parallel/parallel-trainer';
export { NetWorkerPool, type NetWorkerPoolOptions } from './parallel/worker-pool';
export { readNetWeights } from './parallel/net-weights';
export { wasmHeapBytes } from './parallel/wasm-heap';
export { batchShares, type BatchShare } from './parallel/batch-shares';
export { AUTO_ENGINE_WORKERS, engineWorkers } from './parallel/engine-workers';
export { startFeatureWorkers, type FeatureWorkers, type FeatureWorkersOptions } from './parallel/feature-workers';
export { cgroupCpuLimit, cpuBudget } from './parallel/cpu-budget';
export { ParallelOptionError, WorkerExitedError, WorkerTaskError } from './parallel/parallel-errors';
export { WorkerSlot } from './parallel/worker-slot';
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
} from './bench/engine-bench';
export { registerWasmGradients, wasmGradientConfigs } from './wasm/gradients/register-wasm-gradients';
export { checkpointSavedEvent, checkpointSavedEventId } from './jobs/checkpoint-saved-event';
export { evaluationDoneEvent, evaluationDoneEventId } from './evaluation/evaluation-done-event';
