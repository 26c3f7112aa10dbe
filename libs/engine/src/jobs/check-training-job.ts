// Checks a job's flags against its dataset and net before it is queued, so a bad flag, model or scope is
// refused at StartTraining rather than failing the job later.
import { readManifest } from '@finetune/datasets';
import { getNet, trainableVariables, variablesToRestore } from '@finetune/nets';
import { InvalidOptimizerOptionError } from '../optimizers/optimizer-errors';
import type { SlimOptimizer } from '../optimizers/optimizer';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { InvalidScheduleOptionError } from '../schedules/schedule-errors';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule';
import { getSchedule } from '../schedules/schedules-factory';
import { TrainOptionError } from './train-errors';
import { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from './train-options';

/**
 * Resolves the options, reads the manifest (split present and non-empty, labels_offset leaves classes), builds
 * the net once to check --checkpoint_exclude_scopes and --trainable_scopes (UnknownScopeError lists the scopes
 * that exist), and checks the optimizer and schedule values. Returns the resolved options.
 */
export async function checkTrainingJob(input: TrainOptionsInput): Promise<TrainOptions> {
  const o = resolveTrainOptions(input);
  const manifest = await readManifest(o.datasetDir);
  if (o.datasetName && o.datasetName !== manifest.datasetName) {
    throw new TrainOptionError('dataset_name', o.datasetName, `${manifest.dir} holds the dataset ${manifest.datasetName}`);
  }
  const split = manifest.splits[o.datasetSplitName];
  if (!split || split.numImages === 0) {
    throw new TrainOptionError('dataset_split_name', o.datasetSplitName, `${manifest.dir} has no ${o.datasetSplitName} images`);
  }
  const numClasses = manifest.numClasses - o.labelsOffset;
  if (numClasses < 1) throw new TrainOptionError('labels_offset', o.labelsOffset, `leaves no class of the ${manifest.numClasses} in ${manifest.dir}`);
  const netDef = getNet(o.modelName);
  // Built at the job's size, so a size the net cannot take is refused here too.
  const net = netDef.build({ numClasses, imageSize: o.trainImageSize ?? netDef.defaultImageSize, depthMultiplier: o.depthMultiplier });
  try {
    const names = [...net.variables.keys()];
    variablesToRestore(names, o.checkpointExcludeScopes);
    trainableVariables(
      [...net.variables].filter(([, v]) => v.trainable).map(([name]) => name),
      o.trainableScopes,
    );
  } finally {
    net.model.dispose();
  }
  configureOptimizer(o, split.numImages).optimizer.dispose();
  return o;
}

/** --optimizer and --learning_rate_decay_type with their values; a value out of range is a TrainOptionError naming its flag. */
export function configureOptimizer(o: TrainOptions, numSamplesPerEpoch: number): { optimizer: SlimOptimizer; schedule: LearningRateSchedule } {
  try {
    const schedule = getSchedule(o.learningRateDecayType, {
      learningRate: o.learningRate,
      learningRateDecayFactor: o.learningRateDecayFactor,
      numEpochsPerDecay: o.numEpochsPerDecay,
      endLearningRate: o.endLearningRate,
      numSamplesPerEpoch,
      batchSize: o.batchSize,
    });
    return { optimizer: getOptimizer(o.optimizer, o.optimizerOptions), schedule };
  } catch (err) {
    if (err instanceof InvalidOptimizerOptionError || err instanceof InvalidScheduleOptionError) {
      throw new TrainOptionError(err.flag, err.value, err.why, err);
    }
    throw err;
  }
}
