// Checks a job's flags against its dataset and net before it is queued, so a bad flag, model or scope is
// refused at StartTraining rather than failing the job later.
import { readManifest, type LoadedManifest } from '@finetune/datasets';
import { getNet, trainableVariables, variablesToRestore } from '@finetune/nets';
import { InvalidOptimizerOptionError } from '../optimizers/optimizer-errors';
import type { SlimOptimizer } from '../optimizers/optimizer';
import { getOptimizer } from '../optimizers/optimizers-factory';
import { InvalidScheduleOptionError } from '../schedules/schedule-errors';
import type { LearningRateSchedule } from '../schedules/learning-rate-schedule';
import { getSchedule } from '../schedules/schedules-factory';
import { jobClassWeights } from './class-weights';
import { TrainOptionError } from './train-errors';
import type { TrainOptions } from './train-options';
import { trainingStages } from './training-stages';

/**
 * The job's dataset, checked against its flags: dataset_name matches the manifest, the split is present and
 * non-empty, labels_offset leaves classes, --class_weights has the per-class counts it needs. Shared by the check at
 * StartTraining and the run itself.
 */
export async function readJobDataset(
  o: TrainOptions,
): Promise<{ manifest: LoadedManifest; numClasses: number; numImages: number; classWeights: number[] | undefined }> {
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
  return { manifest, numClasses, numImages: split.numImages, classWeights: jobClassWeights(o, manifest) };
}

/**
 * Checks resolved options against the dataset (readJobDataset) and the net: builds it once to check
 * --checkpoint_exclude_scopes and --trainable_scopes (UnknownScopeError lists the scopes that exist), and
 * configures the optimizer and schedule. Nothing is resolved again: that happened where the request entered.
 */
export async function checkTrainingJob(o: TrainOptions): Promise<void> {
  const { numClasses, numImages } = await readJobDataset(o);
  const netDef = getNet(o.modelName);
  // Built at the job's size, so a size the net cannot take is refused here too.
  const net = netDef.build({ numClasses, imageSize: o.trainImageSize ?? netDef.defaultImageSize, depthMultiplier: o.depthMultiplier });
  try {
    const names = [...net.variables.keys()];
    variablesToRestore(names, o.checkpointExcludeScopes);
    const trainable = [...net.variables].filter(([, v]) => v.trainable).map(([name]) => name);
    for (const stage of trainingStages(o)) trainableVariables(trainable, stage.trainableScopes);
  } finally {
    net.model.dispose();
  }
  configureOptimizer(o, numImages).optimizer.dispose();
}

/** --optimizer and --learning_rate_decay_type with their values; a value out of range is a TrainOptionError naming its flag. */
export function configureOptimizer(o: TrainOptions, numSamplesPerEpoch: number): { optimizer: SlimOptimizer; schedule: LearningRateSchedule } {
  try {
    const schedule = getSchedule(o.learningRateDecayType, {
      learningRate: o.learningRate,
      learningRateDecayFactor: o.learningRateDecayFactor,
      numEpochsPerDecay: o.numEpochsPerDecay,
      endLearningRate: o.endLearningRate,
      warmupSteps: o.warmupSteps,
      maxNumberOfSteps: o.maxNumberOfSteps,
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
