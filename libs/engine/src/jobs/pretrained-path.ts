// Which weights a new job starts from, as a path: --checkpoint_path as given, else the model's builtin weights,
// else none (FROM_SCRATCH). Apart from restoring (start-point.ts), which loads tfjs, so that resolving a job's
// options (the default learning rate depends on it) does not load the engine.
import { BUILTIN_PREFIX, builtinPaths } from '@finetune/nets';
import { FROM_SCRATCH } from './train-defaults';
import type { TrainOptions } from './train-options';

/** --checkpoint_path as given, or the embedded weights of the model where there are some. */
export function pretrainedPath(options: Pick<TrainOptions, 'checkpointPath' | 'modelName'>): string {
  if (options.checkpointPath) return options.checkpointPath;
  const builtin = BUILTIN_PREFIX + options.modelName;
  return builtinPaths().includes(builtin) ? builtin : FROM_SCRATCH;
}
