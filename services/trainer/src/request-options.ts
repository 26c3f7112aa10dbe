// A StartTraining request's config as job options, with every path confined to the data root.
import path from 'node:path';
import type { trainerV1 } from '@finetune/contracts';
import { FROM_SCRATCH, trainingConfigToOptions, type TrainOptionsInput } from '@finetune/engine';
import { isBuiltin } from '@finetune/nets';
import { FinetuneError } from '@finetune/runtime';
import type { ArtifactStore } from '@finetune/store';

/**
 * train_dir defaults to `<state-dir>/train/<job>`; dataset_dir to `<state-dir>/datasets/<dataset_name>`;
 * checkpoint_path may also be `builtin:<model>` or `none`.
 */
export function requestOptions(
  config: trainerV1.TrainingConfig__Output | null,
  deps: { store: ArtifactStore; dataRoot: ArtifactStore },
  jobId: string,
): TrainOptionsInput {
  if (!config) throw new FinetuneError('invalid-argument', 'config is missing: set at least dataset_dir (or dataset_name) and the training flags');
  const input = trainingConfigToOptions(config);
  let datasetDir: string;
  if (config.dataset_dir) datasetDir = deps.dataRoot.resolve('config.dataset_dir', config.dataset_dir);
  else if (config.dataset_name) datasetDir = path.join(deps.store.datasetsDir(), config.dataset_name);
  else throw new FinetuneError('invalid-argument', 'config.dataset_dir is empty: name the folder of a converted dataset, or set dataset_name of one in the store');
  const checkpointPath = input.checkpointPath;
  return {
    ...input,
    trainDir: config.train_dir ? deps.dataRoot.resolve('config.train_dir', config.train_dir) : deps.store.trainDir(jobId),
    datasetDir,
    checkpointPath:
      checkpointPath && !isBuiltin(checkpointPath) && checkpointPath !== FROM_SCRATCH
        ? deps.dataRoot.resolve('config.checkpoint_path', checkpointPath)
        : checkpointPath,
  };
}
