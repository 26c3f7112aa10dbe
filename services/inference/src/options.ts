// The inference service's own options, beside the runtime's (ports, NATS, log level).
import { cpuBudget } from '@finetune/engine';
import { DEFAULT_MAX_IMAGE_PIXELS, SERVING_RUNTIMES } from '@finetune/serving';
import { enumOption, intOption, stringOption } from '@finetune/runtime';
import { artifactStoreOptions } from '@finetune/store';
import { MAX_BATCH_SIZE, MAX_QUEUE_DELAY_MS, MAX_QUEUE_SIZE } from './dynamic-batcher';

/** How often the model repository is rescanned for new versions, as a fallback to model.exported events. */
export const POLL_INTERVAL_SECS = 30;

export const inferenceOptions = {
  stateDir: stringOption({
    flag: 'state-dir',
    env: 'FINETUNE_STATE_DIR',
    doc: 'Root of the artifact store: datasets, train dirs and the model repository.',
    default: '.finetune',
  }),
  modelRepository: stringOption({
    flag: 'model-repository',
    env: 'FINETUNE_MODEL_REPOSITORY',
    doc: 'Root of the model repository (<repo>/<name>/<version>); empty: <state-dir>/models.',
    default: '',
  }),
  modelName: stringOption({
    flag: 'model-name',
    env: 'FINETUNE_INFERENCE_MODEL_NAME',
    doc: 'Served model name to serve, and the default for requests; empty: every model in the repository.',
    default: '',
  }),
  modelVersion: intOption({
    flag: 'model-version',
    env: 'FINETUNE_INFERENCE_MODEL_VERSION',
    doc: 'Pins --model-name to this version (new exports are then not loaded); 0: the newest, following new exports.',
    default: 0,
    min: 0,
  }),
  runtime: enumOption({
    flag: 'runtime',
    env: 'FINETUNE_INFERENCE_RUNTIME',
    values: SERVING_RUNTIMES,
    doc:
      "What runs each version: onnx, its model.onnx on ONNX Runtime (CPU; versions exported before model.onnx existed run on TF.js); " +
      'tfjs, its TF.js graph on the compute backend (--model-workers threads).',
    default: 'onnx',
  }),
  onnxThreads: intOption({
    flag: 'onnx-threads',
    env: 'FINETUNE_INFERENCE_ONNX_THREADS',
    doc: 'ONNX Runtime intra-op threads of each version. Default: the CPU budget of the process (cores capped by cgroup cpu.max).',
    default: cpuBudget(),
    min: 1,
    max: 256,
  }),
  modelWorkers: intOption({
    flag: 'model-workers',
    env: 'FINETUNE_INFERENCE_MODEL_WORKERS',
    doc:
      'With --runtime tfjs (or a version without model.onnx): worker threads that run each model version, each with its own copy (memory grows with it); every worker computes one batch at a time. ' +
      'For the wasm and cpu backends; on tensorflow(-gpu) models run on the main thread, as libtensorflow has its own thread pool. ' +
      '0: on the main thread, which then stalls gRPC and image decoding while a batch runs. ' +
      'Default: the CPU budget of the process, the cores Node sees capped by a container CPU limit (cgroup cpu.max).',
    default: cpuBudget(),
    min: 0,
    max: 256,
  }),
  maxBatchSize: intOption({ flag: 'max-batch-size', env: 'FINETUNE_INFERENCE_MAX_BATCH_SIZE', doc: 'Most images run through the model in one batch.', default: MAX_BATCH_SIZE, min: 1, max: 1024 }),
  maxQueueDelayMs: intOption({
    flag: 'max-queue-delay-ms',
    env: 'FINETUNE_INFERENCE_MAX_QUEUE_DELAY_MS',
    doc: 'Longest an image waits for others to fill its batch, in milliseconds.',
    default: MAX_QUEUE_DELAY_MS,
    min: 0,
    max: 10_000,
  }),
  maxQueueSize: intOption({ flag: 'max-queue-size', env: 'FINETUNE_INFERENCE_MAX_QUEUE_SIZE', doc: 'Images waiting beyond this are refused with RESOURCE_EXHAUSTED.', default: MAX_QUEUE_SIZE, min: 1 }),
  maxImagePixels: intOption({
    flag: 'max-image-pixels',
    env: 'FINETUNE_INFERENCE_MAX_IMAGE_PIXELS',
    doc: 'Largest width x height an image may declare (decompression bombs are refused before decoding).',
    default: DEFAULT_MAX_IMAGE_PIXELS,
    min: 1,
  }),
  maxBatchImages: intOption({ flag: 'max-batch-images', env: 'FINETUNE_INFERENCE_MAX_BATCH_IMAGES', doc: 'Most images one ClassifyBatch call may carry.', default: 256, min: 1 }),
  pollIntervalSecs: intOption({
    flag: 'poll-interval-secs',
    env: 'FINETUNE_INFERENCE_POLL_INTERVAL_SECS',
    doc: 'How often the repository is rescanned for new versions (besides model.exported events); 0: never.',
    default: POLL_INTERVAL_SECS,
    min: 0,
  }),
  ...artifactStoreOptions,
};
