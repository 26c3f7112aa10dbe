// The dataset service's own options, beside the runtime's (ports, NATS, log level).
import { stringOption } from '@finetune/runtime';
import { artifactStoreOptions } from '@finetune/store';

export const datasetOptions = {
  stateDir: stringOption({
    flag: 'state-dir',
    env: 'FINETUNE_STATE_DIR',
    doc: 'Root of the artifact store; new datasets go to <state-dir>/datasets/<name>.',
    default: '.finetune',
  }),
  dataRoot: stringOption({
    flag: 'data-root',
    env: 'FINETUNE_DATA_ROOT',
    doc: 'Folder that every path in a request must be inside (image folders and outputs); empty: the state dir.',
    default: '',
  }),
  ...artifactStoreOptions,
};
