// Removing what killed writers left: temporary files and staging folders no live process will finish.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { hostTag, parseTempName } from './temp-names';

/** A temporary name older than this is abandoned whoever made it (a writer on another machine of a shared store). */
export const STALE_TEMP_MS = 24 * 3600 * 1000;

/**
 * Removes the temporary names in `dir` that are abandoned: those of this host whose process is gone, and any
 * older than STALE_TEMP_MS. This process's own are writes in progress and stay. Returns the names removed.
 */
export async function removeAbandonedTemps(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const owner = parseTempName(name);
    if (!owner) continue;
    const local = owner.host === undefined || owner.host === hostTag();
    const dead = local && owner.pid !== process.pid && !pidAlive(owner.pid);
    const s = await stat(join(dir, name)).catch(() => undefined);
    if (!s) continue; // gone meanwhile: another cleaner or its writer finished
    if (dead || now - s.mtimeMs > STALE_TEMP_MS) {
      await rm(join(dir, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}
