// Against a real nats-server -js: durability, idempotent publish, shared durable consumers, validation.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AckPolicy, connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerProcess } from '@finetune/runtime';
import { consumeEvents, DEFAULT_ACK_WAIT_SECS } from './consumer';
import { decodeEvent, encodeEvent, InvalidEventError } from './event-codec';
import { createPublisher } from './publisher';
import { ensureEventStream } from './stream';
import { FINETUNE_EVENTS } from '@finetune/contracts';

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
async function collect(durable: string, n: number, fail?: (step: number, deliveryCount: number) => boolean, ackWaitSecs?: number): Promise<number[]> {
  const nc = await open();
  const steps: number[] = [];
  const ac = new AbortController();
  let running: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    running = consumeEvents(nc, {
      durable,
      event: 'checkpointSaved',
      signal: ac.signal,
      ackWaitSecs,
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

  it('events - a durable consumer made with the old 600 s ack wait is updated to the short one', async () => {
    const nc = await open();
    const jsm = await nc.jetstreamManager();
    await ensureEventStream(jsm);
    await jsm.consumers.add('FINETUNE_EVENTS', {
      durable_name: 'old-checkpointSaved',
      filter_subject: FINETUNE_EVENTS.events.checkpointSaved.subject,
      ack_policy: AckPolicy.Explicit,
      ack_wait: 600 * 1e9,
    });
    expect(await collect('old', 1)).toEqual([1]);
    const info = await jsm.consumers.info('FINETUNE_EVENTS', 'old-checkpointSaved');
    expect(info.config.ack_wait).toBe(DEFAULT_ACK_WAIT_SECS * 1e9);
    expect(DEFAULT_ACK_WAIT_SECS).toBeLessThanOrEqual(60);
  });

  it('events - a handler that outlives the ack wait keeps its event with in-progress acks; a dead one loses it in about one ack wait', async () => {
    const pub = await createPublisher(await open());
    await pub.publish('checkpointSaved', saved(40), 'job-a:40');
    const ackWaitSecs = 1;
    const deliveries: Array<{ step: number; count: number; at: number }> = [];
    const ac = new AbortController();
    let slowDone!: () => void;
    const slowFinished = new Promise<void>((r) => (slowDone = r));
    // Two replicas: were the event's ack wait to lapse, JetStream would hand it to the idle one.
    const replicas = [await open(), await open()].map((nc) =>
      consumeEvents(nc, {
        durable: 'slow',
        event: 'checkpointSaved',
        ackWaitSecs,
        signal: ac.signal,
        async handle(e, info) {
          const step = Number(e.checkpoint!.step);
          deliveries.push({ step, count: info.deliveryCount, at: Date.now() });
          if (step === 40) {
            await new Promise((r) => setTimeout(r, 3_500)); // three and a half ack waits
            slowDone();
          }
        },
      }),
    );
    await slowFinished;
    await new Promise((r) => setTimeout(r, 500));
    expect(deliveries.filter((d) => d.step === 40)).toHaveLength(1); // never handed out twice while it worked
    ac.abort();
    await Promise.all(replicas);

    // A replica that dies mid-event: its connection closes without an ack, and the event comes back soon.
    await pub.publish('checkpointSaved', saved(41), 'job-a:41');
    const doomed = await connect({ servers: server.url });
    let started!: () => void;
    const gotIt = new Promise<void>((r) => (started = r));
    void consumeEvents(doomed, {
      durable: 'slow',
      event: 'checkpointSaved',
      ackWaitSecs,
      async handle() {
        started();
        await new Promise(() => undefined); // never finishes
      },
    }).catch(() => undefined);
    await gotIt;
    const died = Date.now();
    await doomed.close();
    const again = await collect('slow', 1, undefined, ackWaitSecs);
    expect(again).toEqual([41]);
    expect(Date.now() - died).toBeLessThan(ackWaitSecs * 1000 + 3_000);
  }, 20_000);
});
