// Against a real nats-server -js: durability, idempotent publish, shared durable consumers.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerProcess } from '@finetune/runtime';
import { consumeEvents } from './consumer';
import { createPublisher } from './publisher';

let server: NatsServerProcess;
let dir: string;
const connections: NatsConnection[] = [];
const open = async () => {
  const nc = await connect({ servers: server.url });
  connections.push(nc);
  return nc;
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'events-'));
  server = await startNatsServer({ storeDir: dir });
});
afterAll(async () => {
  for (const nc of connections) await nc.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function collect<T>(nc: NatsConnection, durable: string, n: number, seen: T[], fail?: (e: T, count: number) => boolean) {
  const ac = new AbortController();
  const done = new Promise<void>((resolve) => {
    consumeEvents<T>(nc, {
      durable,
      kind: 'checkpoint.saved',
      signal: ac.signal,
      async handle(e, info) {
        if (fail?.(e, info.deliveryCount)) throw new Error('not yet');
        seen.push(e);
        if (seen.length >= n) resolve();
      },
    }).catch(() => undefined);
  });
  return { done, stop: () => ac.abort() };
}

describe('events', () => {
  it('events - an event published while no consumer runs is delivered when one starts', async () => {
    const pub = await createPublisher(await open());
    await pub.publish('checkpoint.saved', { step: 1 }, 'job-a:1');
    await pub.publish('checkpoint.saved', { step: 2 }, 'job-a:2');
    const seen: Array<{ step: number }> = [];
    const c = collect(await open(), 'late', 2, seen);
    await c.done;
    c.stop();
    expect(seen.map((e) => e.step)).toEqual([1, 2]);
  });

  it('events - publishing twice with one id stores one event', async () => {
    const pub = await createPublisher(await open());
    await pub.publish('checkpoint.saved', { step: 3 }, 'job-b:3');
    await pub.publish('checkpoint.saved', { step: 3 }, 'job-b:3');
    const seen: Array<{ step: number }> = [];
    const c = collect(await open(), 'dedupe', 3, seen);
    await c.done;
    await new Promise((r) => setTimeout(r, 300));
    c.stop();
    expect(seen.map((e) => e.step)).toEqual([1, 2, 3]);
  });

  it('events - a failed handler gets the event again', async () => {
    const seen: Array<{ step: number }> = [];
    const c = collect(await open(), 'retry', 3, seen, (e: { step: number }, count) => e.step === 2 && count < 2);
    await c.done;
    c.stop();
    expect(seen.map((e) => e.step).sort()).toEqual([1, 2, 3]);
  });

  it('events - two replicas of one durable consumer share the events without duplicates', async () => {
    const pub = await createPublisher(await open());
    const a: Array<{ step: number }> = [];
    const b: Array<{ step: number }> = [];
    const shared: Array<{ step: number }> = [];
    const both = new Promise<void>((resolve) => {
      const watch = () => shared.length >= 13 && resolve();
      for (const seen of [a, b]) {
        open().then((nc) =>
          consumeEvents<{ step: number }>(nc, {
            durable: 'shared',
            kind: 'checkpoint.saved',
            async handle(e) {
              seen.push(e);
              shared.push(e);
              await new Promise((r) => setTimeout(r, 20));
              watch();
            },
          }).catch(() => undefined),
        );
      }
    });
    for (let step = 10; step < 20; step++) await pub.publish('checkpoint.saved', { step }, `job-c:${step}`);
    await both;
    const steps = shared.map((e) => e.step).sort((x, y) => x - y);
    expect(steps).toEqual([1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
  });
});
