// Temporary names beside the final file, and the fsync-then-rename that publishes them atomically.
import { randomBytes } from 'node:crypto';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A hidden name in the same folder (same filesystem, so rename is atomic), unique per process and call. */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Renames `tempPath` onto `finalPath`, then fsyncs the folder so the rename itself survives a crash. */
export async function publish(tempPath: string, finalPath: string): Promise<void> {
  await rename(tempPath, finalPath);
  await syncDir(dirname(finalPath));
}

/** fsync of a directory; some filesystems refuse it, which only weakens durability, not correctness. */
export async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on some platforms: nothing more can be done portably.
  } finally {
    await handle?.close();
  }
}
