// Against a real nats-server -js: durability, idempotent publish, shared durable consumers, validation.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerProcess } from '@finetune/runtime';
import { consumeEvents } from './consumer';
import { decodeEvent, encodeEvent, InvalidEventError } from './event-codec';
import { createPublisher } from './publisher';

let server: NatsServerProcess;
let dir: string;
const connections: NatsConnection[] = [];
const open = async () => {
  const nc = await connect({ servers: server.url });
  connections.push(nc);
  return nc;
};
const saved = (step: number) => ({ job_id: 'job-a', train_dir: '/t', model_name: 'mobilenet_v2', checkpoint: { path_prefix: `/t/model.ckpt-${step}`, step } });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'events-'));
  server = await startNatsServer({ storeDir: dir });
});
afterAll(async () => {
  // Drain, not close: a pull consumer still has a request in flight, and close would reject it unhandled.
  for (const nc of connections) await nc.drain().catch(() => undefined);
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Consumes checkpointSaved events under `durable` until `n` were handled; returns their steps. */
async function collect(durable: string, n: number, fail?: (step: number, deliveryCount: number) => boolean): Promise<number[]> {
  const nc = await open();
  const steps: number[] = [];
  const ac = new AbortController();
  let running: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    running = consumeEvents(nc, {
      durable,
      event: 'checkpointSaved',
      signal: ac.signal,
      async handle(e, info) {
        const step = Number(e.checkpoint!.step);
        if (fail?.(step, info.deliveryCount)) throw new Error('not yet');
        steps.push(step);
        if (steps.length >= n) resolve();
      },
    });
    running.catch(reject);
  });
  ac.abort();
  await running; // the consumer has stopped pulling before its connection closes
  return steps;
}

describe('events', () => {
  it('events - a payload that does not fit its message type is refused at the publisher', () => {
    expect(() => encodeEvent('checkpointSaved', { job_idd: 'x' } as never)).toThrowError(InvalidEventError);
    expect(() => encodeEvent('checkpointSaved', { job_idd: 'x' } as never)).toThrowError(/unknown field "job_idd"/);
    const decoded = decodeEvent('checkpointSaved', encodeEvent('checkpointSaved', saved(7)));
    expect(decoded.checkpoint!.step).toBe('7');
    expect(decoded.dataset_dir).toBe(''); // defaults filled in
  });

  it('events - an event published while no consumer runs is delivered when one starts', async () => {
    const pub = await createPublisher(await open());
    await pub.publish('checkpointSaved', saved(1), 'job-a:1');
    await pub.publish('checkpointSaved', saved(2), 'job-a:2');
    expect(await collect('late', 2)).toEqual([1, 2]);
  });

  it('events - publishing twice with one id stores one event', async () => {
    const pub = await createPublisher(await open());
    await pub.publish('checkpointSaved', saved(3), 'job-a:3');
    await pub.publish('checkpointSaved', saved(3), 'job-a:3');
    const jsm = await (await open()).jetstreamManager();
    const info = await jsm.streams.info('FINETUNE_EVENTS');
    expect(info.state.messages).toBe(3);
  });

  it('events - a failed handler gets the event again', async () => {
    const steps = await collect('retry', 3, (step, count) => step === 2 && count < 2);
    expect(steps.sort()).toEqual([1, 2, 3]);
  });

  it('events - two replicas of one durable consumer share the events without duplicates', async () => {
    const pub = await createPublisher(await open());
    const seenBy: number[][] = [[], []];
    const all: number[] = [];
    const ac = new AbortController();
    const consumers: Array<Promise<void>> = [];
    const done = new Promise<void>((resolve) => {
      seenBy.forEach((seen) =>
        consumers.push(
          open().then((nc) =>
            consumeEvents(nc, {
            durable: 'shared',
            event: 'checkpointSaved',
            signal: ac.signal,
            async handle(e) {
              seen.push(Number(e.checkpoint!.step));
              all.push(Number(e.checkpoint!.step));
              await new Promise((r) => setTimeout(r, 20)); // work takes time, so both replicas get some
              if (all.length >= 13) resolve();
            },
          }),
          ),
        ),
      );
    });
    for (let step = 10; step < 20; step++) await pub.publish('checkpointSaved', saved(step), `job-a:${step}`);
    await done;
    ac.abort();
    await Promise.all(consumers);
    expect(all.sort((x, y) => x - y)).toEqual([1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(seenBy[0]!.length).toBeGreaterThan(0);
    expect(seenBy[1]!.length).toBeGreaterThan(0);
  });
});
