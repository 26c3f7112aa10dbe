// The output folder: finding an existing dataset, a staging folder inside it, and publishing with manifest.json last.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StagedFolder } from '@finetune/runtime/atomic-write';
import { LABELS_FILE, MANIFEST_FILE } from './manifest';
import { shardFilePattern } from './shard-plan';

/** The first file that shows a dataset is already in `outputDir` (manifest, labels, or a shard of this name). */
export async function findExistingDataset(outputDir: string, datasetName: string): Promise<string | undefined> {
  const names = await readdir(outputDir).catch(() => [] as string[]);
  const shard = shardFilePattern(datasetName);
  return names.find((n) => n === MANIFEST_FILE) ?? names.find((n) => n === LABELS_FILE) ?? names.find((n) => shard.test(n));
}

/** A staging folder inside `outputDir`; what killed runs left there is removed first (see StagedFolder.create). */
export function createStaging(outputDir: string, datasetName: string): Promise<StagedFolder> {
  return StagedFolder.create(outputDir, datasetName);
}

/**
 * Moves the staged files to their final names. An old dataset's manifest goes first and the new one
 * comes last, so a manifest.json on disk always describes complete shards. Each file is fsynced where
 * it was written; the folder is fsynced after the renames.
 */
export async function publishStaged(staging: StagedFolder, outputDir: string, datasetName: string, files: string[]): Promise<void> {
  await rm(join(outputDir, MANIFEST_FILE), { force: true });
  const keep = new Set(files);
  const shard = shardFilePattern(datasetName);
  for (const old of await readdir(outputDir)) {
    if (shard.test(old) && !keep.has(old)) await rm(join(outputDir, old), { force: true });
  }
  await staging.publishEntries(outputDir, [...files.filter((f) => f !== MANIFEST_FILE), ...files.filter((f) => f === MANIFEST_FILE)]);
}
