// Public API of the compute engine: what the services and the libraries above it use. Benchmarks are
// @finetune/engine/bench, test fixtures @finetune/engine/testing; everything else stays inside the engine.
export { initBackend } from './backend';
export { cpuBudget } from './parallel/cpu-budget';
export { WorkerExitedError } from './parallel/parallel-errors';
export { WorkerSlot } from './parallel/worker-slot';

// Training jobs: the flags table, resolution, the job itself and what it reports.
export { cliChoice, protoField, readField, writeField, type FlagRow } from './jobs/flag-row';
export { isFilePath, TRAIN_FLAGS } from './jobs/train-flags';
export { describeRange } from './options/value-range';
export { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from './jobs/train-options';
export { optionsToTrainingConfig, trainingConfigToOptions } from './jobs/training-config';
export { checkTrainingJob } from './jobs/check-training-job';
export { runResolvedTrainingJob, runTrainingJob, stepLogLine, type StepReport, type TrainingProgress } from './jobs/run-training-job';
export type { SavedTrainingCheckpoint } from './jobs/training-checkpoint';
export { readSummaries, SUMMARIES_FILE, SummaryWriter } from './jobs/summaries-file';
export { checkpointSavedEvent, checkpointSavedEventId } from './jobs/checkpoint-saved-event';

// Evaluation: one checkpoint on one split, its stored record and its event.
export { DEFAULT_RECALL_K } from './evaluation/recall-at-k';
export { evaluateCheckpoint } from './evaluation/evaluate-checkpoint';
export { EvaluationWorkers } from './evaluation/evaluation-workers';
export { DEFAULT_EVAL_BATCH_SIZE, DEFAULT_EVAL_SPLIT } from './evaluation/evaluate-options';
export { checkpointExists, resolveCheckpoint, type ResolvedCheckpoint } from './evaluation/resolve-checkpoint';
export { evaluatedMovingAverageDecay, type WeightsRequest } from './evaluation/evaluated-weights';
export {
  EVAL_DIR_NAME,
  evaluatedRecord,
  evaluationRecordPath,
  listEvaluationRecords,
  readEvaluationRecord,
  skippedRecord,
  writeEvaluationRecord,
  type EvaluatedRecord,
  type EvaluationRecord,
} from './evaluation/evaluation-record';
export { CheckpointNotFoundError } from './evaluation/evaluation-errors';
export { evaluationDoneEvent, evaluationDoneEventId } from './evaluation/evaluation-done-event';
