// What the trainer service serves: training jobs over gRPC, checkpoint.saved and job.progress on JetStream.
import path from 'node:path';
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { closeIdleWorkers } from '@finetune/datasets';
import { initBackend } from '@finetune/engine';
import { createPublisher, openOutbox } from '@finetune/events';
import type { ServiceSpec } from '@finetune/runtime';
import { createArtifactStore, openArtifactTransfer } from '@finetune/store';
import { getJob } from './handlers/get-job';
import { listJobs } from './handlers/list-jobs';
import { startTraining } from './handlers/start-training';
import { stopJob } from './handlers/stop-job';
import { watchJob } from './handlers/watch-job';
import { jobArtifacts } from './job-artifacts';
import { JobManager } from './job-manager';
import { createJobStore } from './job-store';
import { trainerOptions } from './options';
import { createTrainingMetrics } from './training-metrics';

export const trainerService: ServiceSpec<typeof trainerOptions> = {
  name: 'trainer',
  packageDefinition: loadPackageDefinition(),
  options: trainerOptions,
  async setup({ config, log, metrics, nats, shutdown }) {
    const backend = await initBackend();
    log.info('compute backend chosen', { backend: backend.name });
    const store = createArtifactStore(config.stateDir);
    const dataRoot = createArtifactStore(config.dataRoot || config.stateDir);
    // Events wait on disk until NATS acknowledges them: none is lost to an outage or a restart.
    const events = await openOutbox(path.join(store.root, 'outbox', 'trainer'), await createPublisher(nats), log);
    const transfer = await openArtifactTransfer(config, nats, dataRoot);
    log.info('artifact store', { kind: transfer.kind, root: dataRoot.root });
    const artifacts = jobArtifacts(transfer, dataRoot);
    const jobs = new JobManager({
      store: createJobStore(path.join(store.root, 'jobs'), log),
      events,
      metrics: createTrainingMetrics(metrics, backend.name),
      log,
      maxConcurrentJobs: config.maxConcurrentJobs,
      engineWorkers: config.engineWorkers,
      shutdown,
      artifacts,
    });
    await jobs.load();
    return {
      services: {
        [SERVICE_NAMES.trainer]: {
          StartTraining: startTraining({ jobs, store, dataRoot, artifacts }),
          GetJob: getJob({ jobs }),
          ListJobs: listJobs({ jobs, dataRoot }),
          StopJob: stopJob({ jobs }),
          WatchJob: watchJob({ jobs, shutdown }),
        },
      },
      // Running jobs were aborted when shutdown began; each saves a last checkpoint before the process exits.
      onStop: async () => {
        await jobs.idle();
        await events.close();
        await closeIdleWorkers();
      },
    };
  },
};
