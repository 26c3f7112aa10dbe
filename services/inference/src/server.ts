// What the inference service serves: Classify, ClassifyBatch, ClassifyStream and GetModel over the
// newest (or a pinned) version of each exported model, batched dynamically, swapped live on model.exported.
import path from 'node:path';
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { initBackend } from '@finetune/engine';
import { FinetuneError, type ServiceSpec } from '@finetune/runtime';
import { createArtifactStore } from '@finetune/store';
import { runLogits } from '@finetune/serving';
import { Classifier } from './classifier';
import { DynamicBatcher } from './dynamic-batcher';
import { classify } from './handlers/classify';
import { classifyBatch } from './handlers/classify-batch';
import { classifyStream } from './handlers/classify-stream';
import { getModel } from './handlers/get-model';
import { createInferenceMetrics } from './inference-metrics';
import { followModelExports } from './model-events';
import { ModelLoader } from './model-loader';
import { ModelRegistry, type LoadedModel } from './model-registry';
import { inferenceOptions } from './options';

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
    const metrics = createInferenceMetrics(registry);
    metrics.backend.set({ backend: backend.name }, 1);

    const repository = config.modelRepository ? path.resolve(config.modelRepository) : createArtifactStore(config.stateDir).modelRepository();
    const service = SERVICE_NAMES.inference;
    const models = new ModelRegistry(log, config.modelName, {
      serving(m) {
        metrics.modelVersion.set({ model: m.name, version: String(m.version) }, 1);
        // The first model loaded makes this replica worth sending traffic to.
        if (!shutdown.aborted) health.set(service, 'SERVING');
      },
      retired: (m) => metrics.modelVersion.remove({ model: m.name, version: String(m.version) }),
    });
    const batcher = new DynamicBatcher<LoadedModel, Float32Array, Float32Array>(
      (model, inputs) => runLogits(model.servable.model, inputs, model.servable.metadata.imageSize),
      { maxBatchSize: config.maxBatchSize, maxQueueDelayMs: config.maxQueueDelayMs, maxQueueSize: config.maxQueueSize },
      { batch: (n) => metrics.batchSize.observe(n), queued: (s) => metrics.queueSeconds.observe(s) },
    );
    const classifier = new Classifier(models, batcher, config.maxImagePixels);
    const loader = new ModelLoader(models, { repository, modelName: config.modelName, pinnedVersion: config.modelVersion }, log);

    log.info('model repository', { repository, modelName: config.modelName || '(all)', pinnedVersion: config.modelVersion || '(newest)' });
    await loader.sync();
    if (models.names().length === 0) log.warn('no model to serve yet: NOT_SERVING until one is exported', { repository });

    const stopWatching = new AbortController();
    const following = nats
      ? followModelExports(nats, loader, { since: startedAt, signal: stopWatching.signal, log }).catch((err: unknown) => log.error('model.exported consumer stopped', { err }))
      : Promise.resolve();
    const poll = config.pollIntervalSecs > 0 ? setInterval(() => void loader.sync(), config.pollIntervalSecs * 1000) : undefined;
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
      // NOT_SERVING until a model is loaded, so no replica takes traffic it cannot answer.
      startNotServing: models.names().length ? [] : [service],
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
