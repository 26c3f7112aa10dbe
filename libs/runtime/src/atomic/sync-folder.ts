// fsync of a folder, which makes the renames and unlinks in it survive a crash.
import { open } from 'node:fs/promises';

/** What platforms answer when they cannot fsync a folder (Windows, some network file systems). */
const FOLDER_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EINVAL', 'EPERM', 'EBADF']);

/**
 * Flushes `dir`'s entries to disk. Where the platform refuses to fsync folders this is a no-op: renames are
 * still atomic, only their durability is weaker. Any other failure (the folder missing, EIO) is thrown.
 */
export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    if (!FOLDER_SYNC_UNSUPPORTED.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}
