// Crash-safe file writes: write under a temp name, fsync, rename into place, fsync the directory.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Marks temp files, so directory scans can skip and clean up what a crash left behind. */
export const TEMP_MARKER = '.tmp-';

export function tempPathFor(path: string): string {
  return `${path}${TEMP_MARKER}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Writes `chunks` to a new file and fsyncs it; the caller renames it into place. */
export async function writeSynced(path: string, chunks: Iterable<Uint8Array>): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    for (const chunk of chunks) {
      let done = 0;
      while (done < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, done, chunk.length - done);
        done += bytesWritten;
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames and unlinks in `dir` durable; a no-op where directories cannot be fsynced (Windows). */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}

export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeSynced(temp, [typeof data === 'string' ? new TextEncoder().encode(data) : data]);
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(dirname(path));
}
