// Public API of @finetune/serving: exported model versions — writing them, reading them, and answering with them.
export { artifactChecksum, sha256File, verifyFiles } from './checksums';
export {
  CheckpointNotFoundError,
  ImageTooLargeError,
  InvalidExportError,
  InvalidModelError,
  InvalidRequestError,
  ModelNotFoundError,
  ModelUnavailableError,
  NoEvaluationsError,
  NotAnImageError,
  QueueFullError,
  ServingError,
  type ServingErrorKind,
} from './errors';
export { DATASET_LABELS_FILE } from './export-inputs';
export { exportModel, type ExportOptions, type ExportResult } from './export-model';
export { fileLoadHandler, fileSaveHandler } from './file-io-handler';
export { DEFAULT_MAX_IMAGE_PIXELS, IMAGE_FORMATS, imageToInput, type ImageInputOptions } from './image-input';
export { parseLabels, readLabels } from './labels-file';
export {
  loadLocalModel,
  loadModelVersion,
  loadVerifiedModel,
  verifyModelVersion,
  type LoadModelOptions,
  type LocalModel,
  type ServableModel,
  type VerifiedModel,
} from './load-model';
export { openLocalPredictor, type LocalPredictor, type LocalPredictorOptions } from './local-predictor';
export { SERVING_RUNTIMES, startModelPredictor, type ModelPredictor, type ModelPredictorOptions, type ServingRuntime } from './model-predictor';
export { MAX_WORKER_RESTARTS, ModelWorkerPool, RESTART_WINDOW_MS, type ModelWorkerPoolOptions } from './model-worker-pool';
export {
  LABELS_FILE,
  MODEL_JSON_FILE,
  MODEL_METADATA_FILE,
  MODEL_METADATA_FORMAT,
  ONNX_MODEL_FILE,
  WEIGHTS_FILE,
  readModelMetadata,
  validateMetadata,
  type EvaluationSummary,
  type ModelMetadata,
} from './model-metadata';
export { resolveLocalModelPath, type LocalModelChoice } from './local-model-path';
export { checkServedModelName, listModelNames, listVersions, resolveVersion, versionDir } from './model-repository';
export { DEFAULT_TOP_K, formatPrediction, resolveTopK, topPredictions, type Prediction } from './predictions';
export { packImages, runLogits, runPackedLogits, splitRows } from './run-logits';
export { evaluatedRecords, rankByAccuracy, selectCheckpoint, type CheckpointSelection, type SelectedCheckpoint } from './select-checkpoint';
export { exportedModelMessage, modelExportedEvent, modelExportedEventId } from './exported-model-message';
export { inputSpecMessage } from './input-spec-message';
