// One job per train dir across processes: a lock file holding the owner's pid, taken over when that pid is dead.
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainDirBusyError } from './train-errors';

export const LOCK_FILE = '.finetune-train.lock';

export interface TrainDirLock {
  release(): Promise<void>;
}

// Jobs of this process, so two in one process are refused even though they share a pid.
const held = new Map<string, string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates `<trainDir>/.finetune-train.lock` exclusively. A lock left by a killed process (its pid no longer
 * runs) is removed and taken, so `kill -9` never blocks the resume.
 */
export async function lockTrainDir(trainDir: string, owner: string): Promise<TrainDirLock> {
  const holder = held.get(trainDir);
  if (holder !== undefined) throw new TrainDirBusyError(trainDir, holder);
  await mkdir(trainDir, { recursive: true });
  const file = join(trainDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, owner }) + '\n');
      await handle.close();
      held.set(trainDir, owner);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          held.delete(trainDir);
          await unlink(file).catch(() => undefined);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const text = await readFile(file, 'utf8').catch(() => '');
    let existing: { pid?: number; owner?: string } = {};
    try {
      existing = JSON.parse(text) as typeof existing;
    } catch {
      // A lock whose write was cut short by a crash holds no pid: treat it as stale.
    }
    if (typeof existing.pid === 'number' && existing.pid !== process.pid && pidAlive(existing.pid)) {
      throw new TrainDirBusyError(trainDir, `${existing.owner ?? 'a training job'} (pid ${existing.pid})`);
    }
    await unlink(file).catch(() => undefined);
  }
  throw new TrainDirBusyError(trainDir, 'another process that keeps re-creating its lock file');
}
