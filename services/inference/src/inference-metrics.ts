// The inference service's Prometheus metrics, on the runtime's registry (served at /metrics).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface InferenceMetrics {
  requests: Counter<'status'>;
  latency: Histogram<string>;
  batchSize: Histogram<string>;
  queueSeconds: Histogram<string>;
  inFlight: Gauge<string>;
  modelVersion: Gauge<'model' | 'version'>;
  backend: Gauge<'backend'>;
  workerExits: Counter<'model' | 'restarted'>;
}

export function createInferenceMetrics(registry: Registry): InferenceMetrics {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'finetune_inference_requests_total',
      help: 'Classification requests answered (a Classify or ClassifyBatch call, or one image of a stream), by gRPC status.',
      labelNames: ['status'],
      registers,
    }),
    latency: new Histogram({
      name: 'finetune_inference_latency_seconds',
      help: 'Time from receiving a classification request to answering it, in seconds.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    batchSize: new Histogram({
      name: 'finetune_inference_batch_size',
      help: 'Images per batch run through a model.',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128],
      registers,
    }),
    queueSeconds: new Histogram({
      name: 'finetune_inference_queue_seconds',
      help: 'Time an image waited in the batching queue before its batch started, in seconds.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    // What the HPA scales on through prometheus-adapter (deploy/README.md): unlike CPU it counts the
    // requests waiting in the batching queue too, so it rises before the cores are saturated.
    inFlight: new Gauge({
      name: 'finetune_inference_in_flight_requests',
      help: 'Classification requests being answered now (a Classify or ClassifyBatch call, or one image of a stream), queued or computing.',
      registers,
    }),
    modelVersion: new Gauge({
      name: 'finetune_inference_model_version',
      help: '1 for each model version being served.',
      labelNames: ['model', 'version'],
      registers,
    }),
    workerExits: new Counter({
      name: 'finetune_inference_worker_exits_total',
      help: 'Model worker threads that died while serving (their batches failed with UNAVAILABLE), by model and whether they were restarted.',
      labelNames: ['model', 'restarted'],
      registers,
    }),
    backend: new Gauge({
      name: 'finetune_backend_info',
      help: 'The compute backend this process runs on (value always 1).',
      labelNames: ['backend'],
      registers,
    }),
  };
}
