// Atomic writes, imported as @finetune/runtime/atomic-write by libraries that must not load the service runtime.
//
// Error policy, the same for every writer: a write that fails removes its temporary name and throws the
// original error unchanged (ENOSPC stays ENOSPC, for the caller to name the file); a folder fsync the
// platform refuses is skipped (syncFolder); temporary names a killed run left are removed by the next
// writer of that folder (removeAbandonedTemps), never by a reader.
export { TEMP_MARKER, hostTag, parseTempName, tempPathFor, tempPathIn, type TempNameOwner } from './temp-names';
export { STALE_TEMP_MS, removeAbandonedTemps } from './abandoned-temps';
export { syncFolder } from './sync-folder';
export { StagedFile, writeAll, writeFileAtomic, writeFileSynced, type FileData } from './staged-file';
export { StagedFolder } from './staged-folder';
