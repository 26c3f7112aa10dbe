// Public API of @finetune/datasets: image folders to TFRecord shards, manifests, and reading splits back.
export { convertImageFolder, type ConvertResult } from './convert';
export {
  type ConvertOptions,
  type ConvertProgress,
  type SplitName,
  defaultConvertOptions,
  resolveConvertOptions,
  DEFAULT_TRAIN_SHARDS,
  DEFAULT_VALIDATION_SHARDS,
  DEFAULT_NUM_THREADS,
  DEFAULT_SEED,
  DEFAULT_DATASET_NAME,
} from './convert-options';
export { resolveSourceLayout } from './class-folders';
export { closeIdleWorkers } from './run-workers';
export { shardFileName } from './shard-plan';
export {
  type Manifest,
  type LoadedManifest,
  type ShardEntry,
  type SplitEntry,
  type ReadManifestOptions,
  readManifest,
  validateManifest,
  MANIFEST_FILE,
  LABELS_FILE,
  MANIFEST_FORMAT_VERSION,
} from './manifest';
export { readSplit, type SplitImage } from './read-split';
export type { SkippedImage } from './worker-protocol';
export {
  DatasetError,
  type DatasetErrorKind,
  MissingFolderError,
  NoClassesError,
  EmptyClassError,
  UnknownValidationClassError,
  InvalidImageError,
  InvalidOptionError,
  DatasetExistsError,
  ManifestError,
  ConversionAbortedError,
  ConversionWorkerError,
} from './errors';
export { createBatchPipeline } from './pipeline/batch-pipeline';
export type { ImageBatch, LabelBatch, BatchPipelineOptions, PipelineStats, BatchPipeline } from './pipeline/image-batch';
export {
  defaultBatchPipelineOptions,
  DEFAULT_SHUFFLE_BUFFER,
  DEFAULT_PIPELINE_THREADS,
  DEFAULT_PREFETCH_BATCHES,
  DEFAULT_NUM_READERS,
} from './pipeline/pipeline-options';
export { measurePipeline, type PipelineMeasurement } from './pipeline/measure-pipeline';
export { ExampleImageError, LabelOutOfRangeError, PipelineAbortedError, PipelineWorkerError } from './pipeline/pipeline-errors';
export { datasetConvertedEvent, datasetConvertedEventId } from './dataset-converted-event';
export { startSourceWorker, workerEntryUrl } from './source-worker';
