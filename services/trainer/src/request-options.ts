// A StartTraining request's config as resolved job options, with every path confined to the data root: the
// one place a remote request's flags are resolved.
import type { trainerV1 } from '@finetune/contracts';
import { isFilePath, protoField, readField, resolveTrainOptions, TRAIN_FLAGS, trainingConfigToOptions, writeField, type FlagRow, type TrainOptions } from '@finetune/engine';
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
): TrainOptions {
  if (!config) throw new FinetuneError('invalid-argument', 'config is missing: set at least dataset_dir (or dataset_name) and the training flags');
  const input = trainingConfigToOptions(config);
  for (const row of TRAIN_FLAGS as readonly FlagRow[]) {
    const value = row.path ? readField(input, row.field) : undefined;
    if (typeof value === 'string' && isFilePath(value)) writeField(input, row.field, deps.dataRoot.resolve(`config.${protoField(row)}`, value));
  }
  if (!input.datasetDir) {
    if (!config.dataset_name) {
      throw new FinetuneError('invalid-argument', 'config.dataset_dir is empty: name the folder of a converted dataset, or set dataset_name of one in the store');
    }
    input.datasetDir = deps.store.resolve('config.dataset_name', config.dataset_name, deps.store.datasetsDir());
  }
  input.trainDir ||= deps.store.trainDir(jobId);
  return resolveTrainOptions(input);
}
