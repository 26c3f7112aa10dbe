// The trainer service's own options, beside the runtime's (ports, NATS, log level).
import { intOption, stringOption } from '@finetune/runtime';
import { artifactStoreOptions } from '@finetune/store';

/** Jobs trained at once by default: one process has one compute backend, and two jobs would halve each other. */
export const MAX_CONCURRENT_JOBS = 1;

export const trainerOptions = {
  stateDir: stringOption({
    flag: 'state-dir',
    env: 'FINETUNE_STATE_DIR',
    doc: 'Root of the artifact store: datasets, train dirs, and the job records under <state-dir>/jobs.',
    default: '.finetune',
  }),
  dataRoot: stringOption({
    flag: 'data-root',
    env: 'FINETUNE_DATA_ROOT',
    doc: 'Folder that every path in a request must be inside (train_dir, dataset_dir, checkpoint_path); empty: the state dir.',
    default: '',
  }),
  maxConcurrentJobs: intOption({
    flag: 'max-concurrent-jobs',
    env: 'FINETUNE_TRAINER_MAX_CONCURRENT_JOBS',
    doc: 'Jobs that train at once; later ones wait QUEUED.',
    default: MAX_CONCURRENT_JOBS,
    min: 1,
    max: 64,
  }),
  engineWorkers: intOption({
    flag: 'engine-workers',
    env: 'FINETUNE_ENGINE_WORKERS',
    doc: 'Worker threads that split each batch of a job (data parallel); 0: one per core on wasm and cpu, 1 on TensorFlow, which threads itself. Give the pod as many CPUs.',
    default: 0,
    min: 0,
    max: 256,
  }),
  ...artifactStoreOptions,
};
