// The train-dir lock: one live job per directory, and a lock left by a killed process is taken over.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, lockTrainDir } from './train-dir-lock';
import { TrainDirBusyError } from './train-errors';

describe('train dir lock', () => {
  it('train dir lock - a second job is refused while the first holds it, and admitted after release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const first = await lockTrainDir(dir, 'job a');
    await expect(lockTrainDir(dir, 'job b')).rejects.toThrow(TrainDirBusyError);
    await expect(lockTrainDir(dir, 'job b')).rejects.toThrow(/in use by job a/);
    await first.release();
    await (await lockTrainDir(dir, 'job b')).release();
    await rm(dir, { recursive: true });
  });

  it('train dir lock - a lock whose process is dead (kill -9) is taken over; a live one is not', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: Number(dead.stdout), owner: 'job x' }));
    await (await lockTrainDir(dir, 'job y')).release();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, owner: 'job z' }));
    await expect(lockTrainDir(dir, 'job y')).rejects.toThrow(/in use by job z \(pid \d+\)/);
    await rm(dir, { recursive: true });
  });
});
