// The output folder: finding an existing dataset, a staging folder beside it, and publishing with manifest.json last.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { LABELS_FILE, MANIFEST_FILE } from './manifest';
import { shardFilePattern } from './shard-plan';

/** The first file that shows a dataset is already in `outputDir` (manifest, labels, or a shard of this name). */
export async function findExistingDataset(outputDir: string, datasetName: string): Promise<string | undefined> {
  const names = await readdir(outputDir).catch(() => [] as string[]);
  const shard = shardFilePattern(datasetName);
  return names.find((n) => n === MANIFEST_FILE) ?? names.find((n) => n === LABELS_FILE) ?? names.find((n) => shard.test(n));
}

/** A staging folder older than this is abandoned whoever made it (a run on another machine of a shared store). */
export const STALE_STAGING_MS = 24 * 3600 * 1000;

/** Host names may hold dashes and dots; staging names carry them with those made safe. */
const host = () => hostname().replace(/[^A-Za-z0-9]/g, '_');

/**
 * A hidden folder inside `outputDir` (same filesystem, so the final renames are atomic), named after this host
 * and process. Staging folders a killed run left behind are removed first: those of this host whose process is
 * gone, and any older than STALE_STAGING_MS.
 */
export async function createStaging(outputDir: string, datasetName: string): Promise<string> {
  await mkdir(outputDir, { recursive: true });
  await removeAbandonedStaging(outputDir, datasetName);
  return mkdtemp(join(outputDir, `.${datasetName}.staging-${host()}-${process.pid}-${randomBytes(3).toString('hex')}-`));
}

/** Removes what killed runs left; returns the names removed. */
export async function removeAbandonedStaging(outputDir: string, datasetName: string, now = Date.now()): Promise<string[]> {
  const prefix = `.${datasetName}.staging-`;
  const removed: string[] = [];
  for (const name of await readdir(outputDir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    // Older runs wrote `<pid>-<hex>-`, without the host: those were this machine's.
    const mine = rest.startsWith(`${host()}-`) ? rest.slice(host().length + 1) : /^\d+-/.test(rest) ? rest : undefined;
    const pid = mine === undefined ? undefined : Number.parseInt(mine, 10);
    const dead = pid !== undefined && pid !== process.pid && !isAlive(pid);
    const s = await stat(join(outputDir, name)).catch(() => undefined);
    if (!s) continue;
    if (dead || now - s.mtimeMs > STALE_STAGING_MS) {
      await rm(join(outputDir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
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
