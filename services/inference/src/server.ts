// What the inference service serves: Classify, ClassifyBatch, ClassifyStream and GetModel over the
// newest (or a pinned) version of each exported model, batched dynamically, swapped live on model.exported.
import path from 'node:path';
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { initBackend } from '@finetune/engine';
import { ConfigError, FinetuneError, type ServiceSpec } from '@finetune/runtime';
import { createArtifactStore, openArtifactTransfer } from '@finetune/store';
import { onnxExecutionProviders } from '@finetune/onnx';
import { startModelPredictor } from '@finetune/serving';
import { Classifier } from './classifier';
import { DynamicBatcher } from './dynamic-batcher';
import { classify } from './handlers/classify';
import { classifyBatch } from './handlers/classify-batch';
import { classifyStream } from './handlers/classify-stream';
import { getModel } from './handlers/get-model';
import { createInferenceMetrics } from './inference-metrics';
import { followModelExports } from './model-events';
import { ModelLoader, type StartPredictor } from './model-loader';
import { modelPull } from './model-pull';
import { ModelRegistry, type LoadedModel } from './model-registry';
import { inferenceOptions } from './options';
import { Readiness } from './readiness';
import { WorkerHealth } from './worker-health';

export const inferenceService: ServiceSpec<typeof inferenceOptions> = {
  name: 'inference',
  packageDefinition: loadPackageDefinition(),
  options: inferenceOptions,
  async setup({ config, log, metrics: registry, health, nats, shutdown }) {
    if (config.modelVersion && !config.modelName) {
      throw new FinetuneError('invalid-argument', '--model-version pins a version of one model: give --model-name too');
    }
    const startedAt = new Date();
    const backend = await initBackend();
    log.info('compute backend', { backend: backend.name, reason: backend.reason });
    // Workers only for the backends that compute on the calling thread. libtensorflow (tfjs-node) already
    // spreads an op over every core on its own thread pool, and its native addon is not tried in workers.
    const modelWorkers = backend.name === 'wasm' || backend.name === 'cpu' ? config.modelWorkers : 0;
    if (modelWorkers !== config.modelWorkers) {
      log.warn('--model-workers does not apply to this backend: models run on the main thread', { backend: backend.name, modelWorkers: config.modelWorkers });
    }
    const metrics = createInferenceMetrics(registry);
    metrics.backend.set({ backend: backend.name }, 1);

    if (config.artifactStore === 'nats' && config.modelRepository) {
      throw new ConfigError('model-repository', '--model-repository does not apply with --artifact-store nats: models are fetched into <state-dir>/models; leave it empty');
    }
    const store = createArtifactStore(config.stateDir);
    const repository = config.modelRepository ? path.resolve(config.modelRepository) : store.modelRepository();
    const pull = modelPull(await openArtifactTransfer(config, nats, store), store, { modelName: config.modelName, pinnedVersion: config.modelVersion });
    const service = SERVICE_NAMES.inference;
    const workerHealth = new WorkerHealth({ health, metrics, log });
    const readiness = new Readiness({
      health,
      service,
      repository,
      modelName: config.modelName,
      pinnedVersion: config.modelVersion,
      blocked: () => shutdown.aborted || workerHealth.broken,
      servingDefault: () => (config.modelName ? models.current(config.modelName) !== undefined : models.names().length > 0),
    });
    const models: ModelRegistry = new ModelRegistry(log, config.modelName, {
      serving(m) {
        metrics.modelVersion.set({ model: m.name, version: String(m.version) }, 1);
        void readiness.update();
      },
      retired: (m) => metrics.modelVersion.remove({ model: m.name, version: String(m.version) }),
    });
    // Up to one batch per model worker at a time, each batch whole on one worker, rather than one batch at a
    // time split across the workers. Measured on 2 cores (`npm run bench -- serving`, mobilenet_v2 0.35 at
    // 160 px, both tried in the same run on a shared, loaded machine) neither won beyond the noise: at
    // concurrency 1 a batch of one cannot be split; at 8 and 32 both keep the two workers busy, and the
    // forward pass costs about the same per image at batch 4 as at 8. Whole batches win on what the bench
    // cannot show: no barrier (a split batch waits for its slowest share while the other worker idles,
    // and a slow or restarting worker stalls every batch), one message per batch instead of one per share,
    // and a dead worker fails only its own batches. A lone request larger than --max-batch-size still
    // spreads over the workers, as the batcher cuts it into several batches.
    const batcher = new DynamicBatcher<LoadedModel, Float32Array, Float32Array>(
      (model, inputs) => model.predictor.predict(inputs),
      {
        maxBatchSize: config.maxBatchSize,
        maxQueueDelayMs: config.maxQueueDelayMs,
        maxQueueSize: config.maxQueueSize,
        // On ONNX Runtime one batch at a time: its session already puts every core on a batch, and a second one
        // running beside it only splits the queue into smaller batches that share the same cores.
        maxConcurrentBatches: config.runtime === 'onnx' ? 1 : Math.max(1, modelWorkers),
      },
      { batch: (n) => metrics.batchSize.observe(n), queued: (s) => metrics.queueSeconds.observe(s) },
    );
    const classifier = new Classifier(models, batcher, config.maxImagePixels);
    const startPredictor: StartPredictor = (model, name, version) =>
      startModelPredictor(model, {
        runtime: config.runtime,
        onnxThreads: config.onnxThreads,
        workers: modelWorkers,
        backend: backend.name,
        name: `${name} version ${version}`,
        ...workerHealth.callbacks(name, version),
      });
    const loader = new ModelLoader(models, { repository, modelName: config.modelName, pinnedVersion: config.modelVersion, fetch: pull.fetch }, log, startPredictor);
    const sync = () => pull.pullServed().then(() => loader.sync());

    log.info('model runtime', { runtime: config.runtime, ...(config.runtime === 'onnx' ? { onnxThreads: config.onnxThreads, executionProviders: onnxExecutionProviders() } : {}) });
    log.info('model repository', { repository, modelName: config.modelName || '(all)', pinnedVersion: config.modelVersion || '(newest)' });
    await sync();
    const ready = await readiness.update();
    if (ready === 'NOT_SERVING') log.warn('models are exported but none could be loaded: NOT_SERVING', { repository });
    else if (models.names().length === 0) log.warn('no model exported yet: SERVING, and classify calls answer NOT_FOUND until one is', { repository });

    const stopWatching = new AbortController();
    const following = nats
      ? followModelExports(nats, loader, { since: startedAt, signal: stopWatching.signal, log }).catch((err: unknown) => log.error('model.exported consumer stopped', { err }))
      : Promise.resolve();
    const poll = config.pollIntervalSecs > 0 ? setInterval(() => void sync().then(() => readiness.update(), (err: unknown) => log.error('cannot pull models from the artifact store', { err })), config.pollIntervalSecs * 1000) : undefined;
    poll?.unref();

    return {
      services: {
        [service]: {
          Classify: classify({ classifier, metrics }),
          ClassifyBatch: classifyBatch({ classifier, metrics, maxImages: config.maxBatchImages }),
          ClassifyStream: classifyStream({ classifier, metrics, shutdown }),
          GetModel: getModel({ registry: models }),
        },
      },
      // What readiness found: the runtime sets each service's status once setup returns.
      startNotServing: ready === 'NOT_SERVING' ? [service] : [],
      onStop: async () => {
        if (poll) clearInterval(poll);
        stopWatching.abort();
        await following;
        await batcher.idle();
        await models.close();
      },
    };
  },
};
