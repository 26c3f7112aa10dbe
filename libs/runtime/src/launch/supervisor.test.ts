// The supervisor with real child processes: a child that keeps dying is restarted with a doubling backoff,
// a sibling is left alone, and stop() ends everything.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createSupervisor, type Started } from './supervisor';
import { stopProcess } from './nats-server';

/** A node process that exits with `code` after `ms`, or runs until stopped when `ms` is undefined. */
function child(ms?: number, code = 1): Promise<Started> {
  const script = ms === undefined ? 'setInterval(() => {}, 1000)' : `setTimeout(() => process.exit(${code}), ${ms})`;
  const p = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    p.once('spawn', () => resolve({ process: p, describe: `pid ${p.pid}`, stop: () => stopProcess(p, 2_000) }));
    p.once('error', reject);
  });
}

describe('supervisor', () => {
  it('supervisor - a dying child is restarted with a doubling backoff; its sibling keeps running', async () => {
    const exits: Array<{ name: string; inMs: number; at: number }> = [];
    const supervisor = createSupervisor(
      { ready: () => undefined, exited: (name, _how, inMs) => void exits.push({ name, inMs, at: Date.now() }), startFailed: () => undefined },
      { backoffMs: 100, maxBackoffMs: 400, stableMs: 60_000 },
    );
    const steady = await supervisor.add({ name: 'steady', start: () => child() });
    await supervisor.add({ name: 'flaky', start: () => child(50) });
    while (exits.length < 5) await new Promise((r) => setTimeout(r, 50));
    expect(exits.every((e) => e.name === 'flaky')).toBe(true);
    expect(exits.map((e) => e.inMs)).toEqual([100, 200, 400, 400, 400]);
    expect(supervisor.restarts('flaky')).toBeGreaterThanOrEqual(4);
    expect(supervisor.current('steady')?.process.pid).toBe(steady.process.pid);
    expect(steady.process.exitCode).toBeNull();
    await supervisor.stop();
    expect(steady.process.exitCode !== null || steady.process.signalCode !== null).toBe(true);
  });

  it('supervisor - a first start that fails is an error, not a restart loop', async () => {
    const supervisor = createSupervisor({ ready: () => undefined, exited: () => undefined, startFailed: () => undefined });
    await expect(supervisor.add({ name: 'bad', start: () => Promise.reject(new Error('--grpc-port 1: in use')) })).rejects.toThrowError(/in use/);
    await supervisor.stop();
  });
});
