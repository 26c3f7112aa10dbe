// The exporter service's own options, beside the runtime's (ports, NATS, log level).
import { stringOption } from '@finetune/runtime';
import { artifactStoreOptions } from '@finetune/store';

export const exporterOptions = {
  stateDir: stringOption({
    flag: 'state-dir',
    env: 'FINETUNE_STATE_DIR',
    doc: 'Root of the artifact store: datasets, train dirs and the model repository (<state-dir>/models).',
    default: '.finetune',
  }),
  dataRoot: stringOption({
    flag: 'data-root',
    env: 'FINETUNE_DATA_ROOT',
    doc: 'Folder that every path in a request must be inside (train dirs, datasets, output); empty: the state dir.',
    default: '',
  }),
  ...artifactStoreOptions,
};
