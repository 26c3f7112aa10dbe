// Public API of @finetune/nets: the model zoo with TF-Slim names, scope rules, restoring, builtin weights.
export type { Net, NetDef, NetName, NetOptions, PreprocessingName } from './net-def';
export { getNet, netNames } from './nets-factory';
export { parseScopes, topLevelScopes, trainableVariables, variablesToRestore, type ScopesFlag } from './scopes';
export { weightDecayVariables } from './weight-decay';
export { foldBatchNorm, type FoldResult } from './fold-batch-norm';
export type { CheckpointEntry, CheckpointSource } from './checkpoint-source';
export { restoreVariables, type RestoreOptions, type RestoreResult } from './restore';
export { builtinCheckpoint, builtinPaths, builtinPreprocessing, isBuiltin, openBuiltin, BUILTIN_PREFIX } from './builtin/builtin-checkpoint';
export { nsfwjsIOHandler, type NsfwjsModel } from './builtin/nsfwjs-artifacts';
export { isLayersArtifact, openLayersArtifact } from './builtin/layers-artifact';
export { openWeights, type OpenedWeights } from './open-weights';
export {
  ClassCountMismatchError,
  MissingVariablesError,
  NetsError,
  ShapeMismatchError,
  UnknownBuiltinError,
  UnknownModelError,
  UnknownScopeError,
  type NetsErrorKind,
} from './errors';
export { InvalidNetOptionError } from './nets/invalid-net-option-error';
export { getPreprocessing, parsePreprocessingName, preprocessingNames } from './preprocessing/preprocessing-factory';
export { choosePreprocessing, type PreprocessingChoice } from './preprocessing/input-of-weights';
export {
  ALPHA_BACKGROUND_SYNTAX,
  alphaBackgroundFlag,
  chooseAlphaBackground,
  DEFAULT_ALPHA_BACKGROUND,
  InvalidAlphaBackgroundError,
  parseAlphaBackground,
} from './preprocessing/alpha-background';
export { mulberry32, type Random } from './preprocessing/random';
export { preprocessImage, preprocessRawImage, type PreprocessImageOptions } from './preprocessing/preprocess-image';
export type { PreprocessOptions, PreprocessingDef } from './preprocessing/preprocessing-def';
export type { RawImage } from './preprocessing/raw-image';
export { InvalidImageError } from './preprocessing/invalid-image-error';
export { InvalidPreprocessOptionError } from './preprocessing/invalid-preprocess-option-error';
export { UnknownPreprocessingError } from './preprocessing/unknown-preprocessing-error';
export { InvalidPreprocessingNameError } from './preprocessing/invalid-preprocessing-name-error';
export { checkpointSource } from './reader-source';
export {
  isMovingAverageDecay,
  isMovingAverageName,
  MOVING_AVERAGE_DECAY_RANGE,
  MOVING_AVERAGE_SUFFIX,
  movingAverageName,
  movingAverageSource,
} from './moving-average-source';
export { restoreCheckpointNet, STANDARD_DEPTH_MULTIPLIERS, type CheckpointNet } from './restore-checkpoint-net';
