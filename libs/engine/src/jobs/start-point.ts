// Where a job starts: the newest checkpoint of its train dir if there is one (the reference then ignores
// --checkpoint_path), else the pretrained checkpoint with --checkpoint_exclude_scopes, else random initialisation.
import * as tf from '@tensorflow/tfjs';
import { findLatestCheckpoint, GLOBAL_STEP, metaJsonPath, openCheckpoint, readCheckpointMeta } from '@finetune/checkpoint';
import {
  alphaBackgroundFlag,
  builtinPreprocessing,
  checkpointSource,
  isBuiltin,
  movingAverageName,
  openBuiltin,
  restoreVariables,
  type Net,
  type NetDef,
  type PreprocessingName,
  type RestoreResult,
} from '@finetune/nets';
import type { JobTrainer } from './job-trainer';
import type { JobLog } from './training-job-hooks';
import type { SlimOptimizer } from '../optimizers/optimizer';
import { ResumeMismatchError } from './train-errors';
import { readTrainingState } from './training-checkpoint';
import { FROM_SCRATCH } from './train-defaults';
import { pretrainedPath } from './pretrained-path';
import type { TrainOptions } from './train-options';

export interface StartPoint {
  /** 'resume': train_dir's newest checkpoint; 'pretrained': --checkpoint_path; 'scratch': random initialisation. */
  kind: 'resume' | 'pretrained' | 'scratch';
  /** The checkpoint restored: a prefix, or `builtin:<model>`; undefined from scratch. */
  path?: string;
  /** Its global step (0 for a pretrained checkpoint, which starts a new run). */
  step: number;
  /**
   * The input its weights were trained on, where the source says: the builtins' own, or what a Finetune
   * checkpoint's sidecar records. Undefined for TF-Slim's checkpoints (the net's Slim preprocessing) and from scratch.
   */
  preprocessing?: PreprocessingName;
  /** What transparent pixels were composited on, as a Finetune checkpoint's sidecar records it; undefined: white. */
  alphaBackground?: string;
  /** On resume: the newer checkpoint the state file named that was incomplete, so this older one was taken. */
  passedOver?: string;
}

/** The newest checkpoint of train_dir, checked to be of this model and class count; undefined when there is none. */
export async function findResumePoint(trainDir: string, modelName: string, numClasses: number): Promise<StartPoint | undefined> {
  const { prefix, incomplete } = await findLatestCheckpoint(trainDir);
  if (!prefix) return undefined;
  const meta = await readCheckpointMeta(prefix);
  if (meta && meta.modelName !== modelName) throw new ResumeMismatchError(prefix, `it was saved from --model_name=${meta.modelName}, not ${modelName}`);
  if (meta && meta.numClasses !== numClasses) throw new ResumeMismatchError(prefix, `it predicts ${meta.numClasses} classes and the dataset has ${numClasses}`);
  const step = meta?.step ?? Number(/-(\d+)$/.exec(prefix)?.[1] ?? 0);
  return { kind: 'resume', path: prefix, step, ...recorded(meta?.preprocessing), ...recordedBackground(meta, prefix), ...(incomplete && { passedOver: incomplete }) };
}

/**
 * Restores the trainer's variables, optimizer slots and global step from a checkpoint it saved. With
 * `freshOptimizer` the slots (and adam's beta powers) are left as the new optimizer made them; with
 * `movingAverages` the variables' shadows (`<var>/ExponentialMovingAverage`) that the checkpoint has come too.
 */
export async function resumeTrainer(
  trainer: Pick<JobTrainer, 'importState'>,
  net: Net,
  optimizer: SlimOptimizer,
  point: StartPoint,
  { freshOptimizer = false, movingAverages = false }: { freshOptimizer?: boolean; movingAverages?: boolean } = {},
): Promise<void> {
  const variables = [...net.variables.keys()];
  const wanted = new Set([...variables, ...(freshOptimizer ? [] : optimizer.stateNames()), ...(movingAverages ? variables.map(movingAverageName) : []), GLOBAL_STEP]);
  const state = await readTrainingState(point.path!, wanted);
  try {
    const missing = variables.filter((name) => !state.has(name));
    if (missing.length > 0) throw new ResumeMismatchError(point.path!, `it lacks ${missing.length} variables of the net, e.g. ${missing[0]}`);
    await trainer.importState(state);
  } catch (err) {
    if (err instanceof ResumeMismatchError) throw err;
    // Shapes differ: another depth multiplier, image size does not matter, class count was checked.
    throw new ResumeMismatchError(point.path!, (err as Error).message, err);
  } finally {
    tf.dispose([...state.values()]);
  }
}

/** Restores --checkpoint_path into a fresh net, honouring --checkpoint_exclude_scopes and --ignore_missing_vars. */
export async function restorePretrained(
  net: Net,
  netDef: NetDef,
  options: Pick<TrainOptions, 'checkpointPath' | 'modelName' | 'checkpointExcludeScopes' | 'ignoreMissingVars'>,
): Promise<{ point: StartPoint; restore?: RestoreResult }> {
  const path = pretrainedPath(options);
  if (path === FROM_SCRATCH) return { point: { kind: 'scratch', step: 0 } };
  const restoreOptions = { excludeScopes: options.checkpointExcludeScopes, headScopes: netDef.headScopes, ignoreMissingVars: options.ignoreMissingVars };
  if (isBuiltin(path)) {
    const restore = await restoreVariables(net, await openBuiltin(path), restoreOptions);
    return { point: { kind: 'pretrained', path, step: 0, ...recorded(builtinPreprocessing(path)) }, restore };
  }
  const reader = await openCheckpoint(path);
  try {
    const restore = await restoreVariables(net, checkpointSource(reader), restoreOptions);
    const meta = await readCheckpointMeta(reader.path);
    return { point: { kind: 'pretrained', path: reader.path, step: 0, ...recorded(meta?.preprocessing), ...recordedBackground(meta, reader.path) }, restore };
  } finally {
    await reader.close();
  }
}

/** A recorded preprocessing name as a StartPoint field; names are checked where they are used (getPreprocessing). */
function recorded(preprocessing: string | undefined): Pick<StartPoint, 'preprocessing'> {
  return preprocessing === undefined ? {} : { preprocessing: preprocessing as PreprocessingName };
}

/** A sidecar's alpha background as a StartPoint field, checked here: a bad one names the sidecar's file. */
function recordedBackground(meta: { alphaBackground?: string } | undefined, prefix: string): Pick<StartPoint, 'alphaBackground'> {
  const colour = alphaBackgroundFlag(meta?.alphaBackground, `${metaJsonPath(prefix)} field alphaBackground`);
  return colour === undefined ? {} : { alphaBackground: colour };
}

/** restorePretrained for a new job, logging what was restored and what starts afresh. */
export async function restoreAndSay(
  net: Net,
  netDef: NetDef,
  options: Parameters<typeof restorePretrained>[2],
  log: Pick<JobLog, 'info'>,
): Promise<StartPoint> {
  const { point, restore } = await restorePretrained(net, netDef, options);
  if (restore) {
    log.info(`restored ${restore.restored.length} variables from ${point.path}; ${restore.initialised.length} start afresh`, { excluded: options.checkpointExcludeScopes });
  } else {
    log.info('no pretrained checkpoint: every variable starts from random initialisation');
  }
  return point;
}
