// What the evaluator service serves: Evaluate and ListEvaluations, and the checkpoint.saved consumer
// that evaluates every checkpoint the trainers save.
import path from 'node:path';
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { EvaluationWorkers, initBackend } from '@finetune/engine';
import { onnxExecutionProviders } from '@finetune/onnx';
import { createPublisher, openOutbox } from '@finetune/events';
import type { ServiceSpec } from '@finetune/runtime';
import { createArtifactStore, openArtifactTransfer } from '@finetune/store';
import { consumeCheckpoints } from './checkpoint-consumer';
import { createEvalGauges } from './eval-gauges';
import { createEvaluationRunner } from './evaluation-runner';
import { fetchingRunner } from './fetching-runner';
import { evaluate } from './handlers/evaluate';
import { listEvaluations } from './handlers/list-evaluations';
import { createJobIndex } from './job-index';
import { evaluatorOptions } from './options';
import { restoreGauges } from './restore-gauges';
import { createSerialQueue } from './serial-queue';

export const evaluatorService: ServiceSpec<typeof evaluatorOptions> = {
  name: 'evaluator',
  packageDefinition: loadPackageDefinition(),
  options: evaluatorOptions,
  async setup({ config, log, metrics, nats, shutdown }) {
    const backend = await initBackend();
    log.info('compute backend', { backend: backend.name, reason: backend.reason });
    log.info('evaluation runtime', { runtime: config.runtime, ...(config.runtime === 'onnx' ? { onnxThreads: config.onnxThreads, executionProviders: onnxExecutionProviders() } : { engineWorkers: config.engineWorkers }) });
    const gauges = createEvalGauges(metrics);
    gauges.backend(backend.name);
    const store = createArtifactStore(config.stateDir);
    const jobs = createJobIndex(path.join(store.root, 'evaluator', 'jobs'));
    const restored = await restoreGauges(jobs, gauges, (msg, fields) => log.warn(msg, fields));
    if (restored > 0) log.info('evaluation series restored from stored records', { evaluations: restored });
    // Kept between evaluations: the checkpoints of a job are the same net with new weights.
    const workers = new EvaluationWorkers();
    const events = await openOutbox(path.join(store.root, 'outbox', 'evaluator'), await createPublisher(nats), log);
    const transfer = await openArtifactTransfer(config, nats, store);
    log.info('artifact store', { kind: transfer.kind, root: store.root });
    const runner = fetchingRunner(
      createEvaluationRunner({ events, gauges, jobs, queue: createSerialQueue(), log, engineWorkers: config.engineWorkers, runtime: config.runtime, onnxThreads: config.onnxThreads, workers }),
      transfer,
      store,
    );
    // Its own signal: onStop also runs when start-up fails after setup, before shutdown ever aborts.
    const stopConsuming = new AbortController();
    shutdown.addEventListener('abort', () => stopConsuming.abort(shutdown.reason), { once: true });
    const consuming = nats ? consumeCheckpoints({ nats, runner, store, config, log, signal: stopConsuming.signal }) : Promise.resolve();
    return {
      services: {
        [SERVICE_NAMES.evaluator]: {
          Evaluate: evaluate({ store, runner, batchSize: config.batchSize, shutdown }),
          ListEvaluations: listEvaluations({ store, jobs }),
        },
      },
      // The consumer hands an interrupted event back to JetStream before the connection drains.
      onStop: async () => {
        stopConsuming.abort(new Error('service stopping'));
        await consuming;
        await events.close();
        await workers.close();
      },
    };
  },
};
