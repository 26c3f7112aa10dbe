// What the dataset service serves: image folders to TFRecord shards, and the manifests of what it wrote.
import path from 'node:path';
import { loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { closeIdleWorkers } from '@finetune/datasets';
import { createPublisher, openOutbox } from '@finetune/events';
import type { ServiceSpec } from '@finetune/runtime';
import { createArtifactStore, openArtifactTransfer } from '@finetune/store';
import { convertDataset } from './handlers/convert-dataset';
import { getDataset } from './handlers/get-dataset';
import { listDatasets } from './handlers/list-datasets';
import { datasetOptions } from './options';

export const datasetService: ServiceSpec<typeof datasetOptions> = {
  name: 'dataset',
  packageDefinition: loadPackageDefinition(),
  options: datasetOptions,
  async setup({ config, log, nats }) {
    const store = createArtifactStore(config.stateDir);
    const dataRoot = createArtifactStore(config.dataRoot || config.stateDir);
    const events = await openOutbox(path.join(store.root, 'outbox', 'dataset'), await createPublisher(nats), log);
    const transfer = await openArtifactTransfer(config, nats, dataRoot);
    log.info('artifact store', { kind: transfer.kind, root: dataRoot.root });
    return {
      services: {
        [SERVICE_NAMES.dataset]: {
          ConvertDataset: convertDataset({ store, dataRoot, transfer, events }),
          GetDataset: getDataset({ store, dataRoot }),
          ListDatasets: listDatasets({ store }),
        },
      },
      onStop: async () => {
        await events.close();
        await closeIdleWorkers();
      },
    };
  },
};
