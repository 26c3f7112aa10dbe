// `finetune serve all` as a user runs it: every child on the host and ports given, printed as listened on; a
// child killed with -9 is restarted with its siblings untouched; SIGTERM stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContracts } from '@finetune/contracts';
import { REPO_ROOT, SERVICE_NAMES } from '@finetune/runtime';

const contracts = loadContracts();
const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-serve-all-'));
let cli: ChildProcess | undefined;
afterAll(() => {
  cli?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Ready {
  name: string;
  restart: number;
  grpc?: string;
  pid: number;
}
const READY = /^(\S+) (?:ready|restarted \(restart (\d+)\)): (.*) \(pid (\d+)\)$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
function health(address: string): Promise<string> {
  const client = new contracts.grpc.health.v1.Health(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => client.Check({ service: '' }, (err, res) => (client.close(), err ? reject(err) : resolve(String(res!.status)))));
}

describe('serve all', () => {
  it('serve all - a killed child is restarted with backoff and logged while the others keep running', async () => {
    const ports = SERVICE_NAMES.flatMap((n) => [`--${n}-port=0`, `--${n}-metrics-port=0`]);
    cli = spawn(process.execPath, [path.join(REPO_ROOT, 'services/cli/bin/finetune.js'), 'serve', 'all', `--state-dir=${dir}`, '--host=127.0.0.1', '--nats-port=0', ...ports], {
      cwd: REPO_ROOT,
      env: { ...process.env, FINETUNE_BACKEND: 'wasm' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const lines: string[] = [];
    const ready: Ready[] = [];
    let waiters: Array<() => void> = [];
    let buffered = '';
    cli.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        const m = READY.exec(line);
        if (m) ready.push({ name: m[1]!, restart: Number(m[2] ?? 0), grpc: /gRPC (\S+),/.exec(m[3]!)?.[1], pid: Number(m[4]) });
        waiters.forEach((w) => w());
      }
    });
    const until = async (what: string, check: () => boolean, ms = 150_000) => {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline || cli!.exitCode !== null) throw new Error(`waited for ${what}; serve all printed:\n${lines.join('\n')}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 500);
        });
        waiters = [];
      }
    };
    await until('every child ready', () => SERVICE_NAMES.every((n) => ready.some((r) => r.name === n)));
    for (const r of ready.filter((x) => x.grpc)) {
      expect(r.grpc).toMatch(/^127\.0\.0\.1:\d+$/); // printed as listened on
      expect(await health(r.grpc!)).toBe('SERVING');
    }
    const first = (name: string) => ready.find((r) => r.name === name && r.restart === 0)!;
    const evaluator = first('evaluator');
    process.kill(evaluator.pid, 'SIGKILL');
    await until('the evaluator restarted', () => ready.some((r) => r.name === 'evaluator' && r.restart === 1));
    expect(lines.join('\n')).toMatch(/evaluator killed by SIGKILL; restarting it in \d+ ms, the others keep running/);
    const again = ready.find((r) => r.name === 'evaluator' && r.restart === 1)!;
    expect(await health(again.grpc!)).toBe('SERVING');
    for (const name of ['nats-server', ...SERVICE_NAMES.filter((n) => n !== 'evaluator')]) {
      expect(alive(first(name).pid), name).toBe(true);
      expect(ready.filter((r) => r.name === name)).toHaveLength(1);
    }
    const exited = new Promise<number | null>((r) => cli!.once('exit', (code) => r(code)));
    cli.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const r of ready) expect(alive(r.pid), `${r.name} pid ${r.pid}`).toBe(false);
  }, 240_000);
});
