// What the exporter service serves: Export (a checkpoint to the next version of a served model) and ListModels.
import path from 'node:path';
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { initBackend } from '@finetune/engine';
import { createPublisher, openOutbox } from '@finetune/events';
import type { ServiceSpec } from '@finetune/runtime';
import { createArtifactStore, openArtifactTransfer } from '@finetune/store';
import { exportHandler } from './handlers/export';
import { listModels } from './handlers/list-models';
import { exporterOptions } from './options';
import { serialQueue } from './serial-queue';

export const exporterService: ServiceSpec<typeof exporterOptions> = {
  name: 'exporter',
  packageDefinition: loadPackageDefinition(),
  options: exporterOptions,
  async setup({ config, log, nats }) {
    const backend = await initBackend();
    log.info('compute backend', { backend: backend.name, reason: backend.reason });
    const store = createArtifactStore(config.stateDir);
    const dataRoot = createArtifactStore(config.dataRoot || config.stateDir);
    const events = await openOutbox(path.join(store.root, 'outbox', 'exporter'), await createPublisher(nats), log);
    const transfer = await openArtifactTransfer(config, nats, store);
    log.info('artifact store', { kind: transfer.kind, root: store.root });
    return {
      services: {
        [SERVICE_NAMES.exporter]: {
          Export: exportHandler({ store, dataRoot, transfer, events, serialize: serialQueue() }),
          ListModels: listModels({ store, log }),
        },
      },
      onStop: () => events.close(),
    };
  },
};
