// The output folder: finding an existing dataset, a staging folder beside it, and publishing with manifest.json last.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LABELS_FILE, MANIFEST_FILE } from './manifest';
import { shardFilePattern } from './shard-plan';

/** The first file that shows a dataset is already in `outputDir` (manifest, labels, or a shard of this name). */
export async function findExistingDataset(outputDir: string, datasetName: string): Promise<string | undefined> {
  const names = await readdir(outputDir).catch(() => [] as string[]);
  const shard = shardFilePattern(datasetName);
  return names.find((n) => n === MANIFEST_FILE) ?? names.find((n) => n === LABELS_FILE) ?? names.find((n) => shard.test(n));
}

/** A hidden folder inside `outputDir` (same filesystem, so the final renames are atomic). */
export async function createStaging(outputDir: string, datasetName: string): Promise<string> {
  await mkdir(outputDir, { recursive: true });
  return mkdtemp(join(outputDir, `.${datasetName}.staging-${process.pid}-${randomBytes(3).toString('hex')}-`));
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  try {
    await handle?.sync();
  } catch {
    // Some filesystems refuse fsync on folders; the renames are still atomic.
  } finally {
    await handle?.close();
  }
}

/**
 * Moves the staged files to their final names. An old dataset's manifest goes first and the new one
 * comes last, so a manifest.json on disk always describes complete shards. Each file is fsynced where
 * it was written; here the folder is fsynced after the renames.
 */
export async function publishStaged(staging: string, outputDir: string, datasetName: string, files: string[]): Promise<void> {
  await rm(join(outputDir, MANIFEST_FILE), { force: true });
  const keep = new Set(files);
  const shard = shardFilePattern(datasetName);
  for (const old of await readdir(outputDir)) {
    if (shard.test(old) && !keep.has(old)) await rm(join(outputDir, old), { force: true });
  }
  const ordered = [...files.filter((f) => f !== MANIFEST_FILE), ...files.filter((f) => f === MANIFEST_FILE)];
  for (const f of ordered) await rename(join(staging, f), join(outputDir, f));
  await syncDir(outputDir);
  await rm(staging, { recursive: true, force: true });
}

/** Writes a small text file durably (open, write, fsync, close). */
export async function writeDurable(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
