// The evaluator service's own options, beside the runtime's (ports, NATS, log level).
import { cpuBudget, DEFAULT_RECALL_K } from '@finetune/engine';
import { FORWARD_RUNTIMES } from '@finetune/onnx';
import { DEFAULT_ACK_WAIT_SECS } from '@finetune/events';
import { enumOption, intOption, stringOption } from '@finetune/runtime';
import { artifactStoreOptions } from '@finetune/store';

/**
 * Images per forward pass when a request or event does not say. Smaller than the reference's 100: an
 * inception_v3 batch of 100 at 299 pixels needs several GiB of activations, more than wasm's heap.
 */
export const SERVICE_EVAL_BATCH_SIZE = 32;

export const evaluatorOptions = {
  stateDir: stringOption({
    flag: 'state-dir',
    env: 'FINETUNE_STATE_DIR',
    doc: 'Root of the artifact store: datasets, train dirs and the model repository; every path must be inside it.',
    default: '.finetune',
  }),
  batchSize: intOption({
    flag: 'batch-size',
    env: 'FINETUNE_EVALUATOR_BATCH_SIZE',
    doc: 'Images per forward pass when a request or a checkpoint.saved event does not say.',
    default: SERVICE_EVAL_BATCH_SIZE,
    min: 1,
  }),
  recallK: intOption({
    flag: 'recall-k',
    env: 'FINETUNE_EVALUATOR_RECALL_K',
    doc: 'k of recall@k for evaluations of checkpoint.saved events (clamped to the class count).',
    default: DEFAULT_RECALL_K,
    min: 1,
  }),
  split: enumOption({
    flag: 'dataset-split-name',
    env: 'FINETUNE_EVALUATOR_SPLIT',
    doc: 'Split that checkpoint.saved events are evaluated on.',
    default: 'validation',
    values: ['validation', 'train'] as const,
  }),
  ackWaitSecs: intOption({
    flag: 'ack-wait-secs',
    env: 'FINETUNE_EVALUATOR_ACK_WAIT_SECS',
    doc: 'Seconds without a sign of life before JetStream hands a checkpoint.saved event to another replica; a live evaluation extends it.',
    default: DEFAULT_ACK_WAIT_SECS,
    min: 1,
    max: 3600,
  }),
  engineWorkers: intOption({
    flag: 'engine-workers',
    env: 'FINETUNE_ENGINE_WORKERS',
    doc: 'Worker threads that split each batch of an evaluation; 0: one per core on wasm and cpu, 1 on TensorFlow. Splits under 64 images run on the main thread.',
    default: 0,
    min: 0,
    max: 256,
  }),
  runtime: enumOption({
    flag: 'runtime',
    env: 'FINETUNE_EVALUATOR_RUNTIME',
    values: FORWARD_RUNTIMES,
    doc: 'What runs the forward passes: onnx, ONNX Runtime over the restored checkpoint as an in-memory ONNX graph (CPU; about 5x the engine); tfjs, the compute backend and its --engine-workers.',
    default: 'onnx',
  }),
  onnxThreads: intOption({
    flag: 'onnx-threads',
    env: 'FINETUNE_EVALUATOR_ONNX_THREADS',
    doc: 'With --runtime onnx: ONNX Runtime intra-op threads. Default: the CPU budget of the process (cores capped by cgroup cpu.max).',
    default: cpuBudget(),
    min: 1,
    max: 256,
  }),
  ...artifactStoreOptions,
};
