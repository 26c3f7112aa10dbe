export { BundleReader } from './bundle-reader';
export { encodeBundle, writeBundle, type BundleWriteOptions, type CheckpointVariable } from './bundle-writer';
export { dataShardPath, indexPath, metaJsonPath } from './bundle-paths';
export { checkpointFilesOf } from './checkpoint-files-of';
export { checkShapes, type ExpectedVariable } from './check-shapes';
export { DEFAULT_MAX_TO_KEEP, deleteCheckpoint, findLatestCheckpoint, latestCheckpoint, listCheckpoints, pruneCheckpoints, type LatestCheckpoint } from './checkpoint-dir';
export type { CheckpointRef } from './checkpoint-files';
export { readCheckpointMeta, type CheckpointMeta, type StoredCheckpointMeta } from './checkpoint-meta';
export type { CheckpointReader, VariableInfo } from './checkpoint-reader';
export { formatCheckpointState, parseCheckpointState, readCheckpointState, resolveStatePath, STATE_FILE, writeCheckpointState, type CheckpointState } from './checkpoint-state';
export type { DType, TensorValues, TypedArray } from './dtypes';
export {
  CheckpointError,
  CorruptCheckpointError,
  InvalidCheckpointMetaError,
  InvalidVariableError,
  NotACheckpointError,
  ShapeMismatchError,
  TruncatedCheckpointError,
  UnknownVariableError,
  UnsupportedCheckpointError,
} from './errors';
export { defaultInspectOptions, formatInspect, type InspectOptions } from './inspect';
export { openCheckpoint, resolveCheckpointDir } from './open-checkpoint';
export { ProtoWriter, WIRE_LEN, WIRE_VARINT } from './proto-wire';
export { readFloat32 } from './read-float32';
export { defaultSaveCheckpointOptions, saveCheckpoint, type SaveCheckpointOptions, type SavedCheckpoint } from './save-checkpoint';
export { GLOBAL_STEP, isSlotVariable, optimizerGlobalNames, slotVariableNames, type OptimizerName } from './slot-names';
export { snappyDecompress } from './snappy';
export { V1Reader } from './v1-reader';
