// The trainer service's own options, beside the runtime's (ports, NATS, log level).
import { stringOption } from '@finetune/runtime';

export const trainerOptions = {
  stateDir: stringOption({
    flag: 'state-dir',
    env: 'FINETUNE_STATE_DIR',
    doc: 'Root of the artifact store: datasets, train dirs and the model repository.',
    default: '.finetune',
  }),
};
