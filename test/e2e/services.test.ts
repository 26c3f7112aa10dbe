// The five services as real processes beside a real nats-server -js: each starts, reports SERVING,
// serves /metrics and reflection, refuses bad flags at once, and stops cleanly on SIGTERM.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContracts, SERVICE_NAMES } from '@finetune/contracts';
import { REPO_ROOT, SERVICE_NAMES as SERVICES, serviceEntry, startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceProcess } from '@finetune/runtime';
import { promtoolMissing, promtoolProblems } from '@finetune/runtime/testing';

let nats: NatsServerProcess;
let dir: string;
const running: ServiceProcess[] = [];
const contracts = loadContracts();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-services-'));
  nats = await startNatsServer({ storeDir: path.join(dir, 'nats') });
  const started = await Promise.all(
    SERVICES.map((name) =>
      startServiceProcess(name, { args: ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', `--state-dir=${dir}`], env: { FINETUNE_NATS_URL: nats.url } }),
    ),
  );
  running.push(...started);
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function healthCheck(port: number, service: string): Promise<string> {
  const client = new contracts.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) =>
    client.Check({ service }, (err, res) => {
      client.close();
      if (err) reject(err);
      else resolve(String(res!.status));
    }),
  );
}

describe('services', () => {
  it.each(SERVICES)('services - %s answers its health check SERVING', async (name) => {
    const s = running.find((r) => r.name === name)!;
    expect(await healthCheck(s.grpcPort, '')).toBe('SERVING');
    const own = SERVICE_NAMES[name];
    // A fresh install: nothing exported yet, so inference is ready too (its rollout must complete).
    expect(await healthCheck(s.grpcPort, own)).toBe('SERVING');
  });

  it.each(SERVICES)('services - %s serves Prometheus metrics on /metrics', async (name) => {
    const s = running.find((r) => r.name === name)!;
    const res = await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`process_cpu_seconds_total{service="${name}"}`);
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });

  const promtool = promtoolMissing();
  it.skipIf(promtool).each(SERVICES)('services - %s /metrics passes promtool check metrics', async (name) => {
    const s = running.find((r) => r.name === name)!;
    const text = await (await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`)).text();
    expect(promtoolProblems(text)).toEqual([]);
  });
  if (promtool) it.skip(`services - ${promtool}`, () => undefined);

  it('services - reflection lists the service and health', async () => {
    const trainer = running.find((r) => r.name === 'trainer')!;
    const reflection = new (grpc.makeGenericClientConstructor({}, ''))(`127.0.0.1:${trainer.grpcPort}`, grpc.credentials.createInsecure());
    // A raw ServerReflectionInfo call: list_services is field 7 (a string), the answer lists names.
    const call = reflection.makeBidiStreamRequest(
      '/grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
      (req: Buffer) => req,
      (res: Buffer) => res,
    );
    const answer = await new Promise<string>((resolve, reject) => {
      call.on('data', (buf: Buffer) => {
        resolve(buf.toString('latin1'));
        call.end();
      });
      call.on('error', reject);
      call.write(Buffer.from([0x3a, 0x00]));
    });
    reflection.close();
    expect(answer).toContain('finetune.trainer.v1.TrainerService');
    expect(answer).toContain('grpc.health.v1.Health');
  });

  it('services - a bad flag ends the process at once with one line naming it', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', serviceEntry('evaluator'), '--grpc-port=notaport'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['evaluator: invalid --grpc-port "notaport": expected a whole number from 0 to 65535']);
  });

  it('services - an unreachable NATS ends the process with one line naming the address', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', serviceEntry('exporter'), '--grpc-port=0', '--metrics-port=0', '--nats-url=nats://127.0.0.1:9'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^exporter: cannot reach NATS at nats:\/\/127\.0\.0\.1:9/);
  });

  it('services - every service exits 0 within 10 s of SIGTERM', async () => {
    const exits = running.map(
      (s) =>
        new Promise<{ code: number | null; ms: number }>((resolve) => {
          const t0 = Date.now();
          s.process.once('exit', (code) => resolve({ code, ms: Date.now() - t0 }));
          s.process.kill('SIGTERM');
        }),
    );
    for (const { code, ms } of await Promise.all(exits)) {
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
  });
});
