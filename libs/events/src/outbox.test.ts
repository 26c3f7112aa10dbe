// The outbox against a real nats-server -js that is killed and restarted on the same store.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NatsConnection } from 'nats';
import { afterEach, describe, expect, it } from 'vitest';
import { connectNats, createLogger, startNatsServer, type NatsServerProcess } from '@finetune/runtime';
import { FINETUNE_EVENTS } from '@finetune/contracts';
import { openOutbox } from './outbox';
import { createPublisher } from './publisher';

const log = createLogger({ test: 'outbox' }, { level: 'error' });
const saved = (step: number) => ({ job_id: 'job-o', train_dir: '/t', model_name: 'mobilenet_v2', checkpoint: { path_prefix: `/t/model.ckpt-${step}`, step } });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}
async function nats(storeDir: string, port?: number): Promise<NatsServerProcess> {
  const server = await startNatsServer({ storeDir, port });
  cleanups.push(() => server.stop());
  return server;
}
async function connection(url: string): Promise<NatsConnection> {
  const nc = await connectNats(url, 'outbox-test', log);
  cleanups.push(() => nc.close());
  return nc;
}
async function storedSteps(nc: NatsConnection): Promise<number[]> {
  const jsm = await nc.jetstreamManager();
  const { state } = await jsm.streams.info(FINETUNE_EVENTS.stream);
  const steps: number[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(FINETUNE_EVENTS.stream, { seq });
    steps.push((JSON.parse(new TextDecoder().decode(m.data)) as { checkpoint: { step: string } }).checkpoint.step as unknown as number);
  }
  return steps.map(Number);
}

describe('outbox', () => {
  it('outbox - events published while nats-server is down are sent once it is back, each once', async () => {
    const store = tmp();
    let server = await nats(store);
    const nc = await connection(server.url);
    const outbox = await openOutbox(tmp(), await createPublisher(nc), log, 200);
    await outbox.publish('checkpointSaved', saved(1), 'job-o:1');
    expect(await outbox.flush(5_000)).toBe(true);
    server.process.kill('SIGKILL');
    await new Promise((r) => server.process.once('exit', r));
    await outbox.publish('checkpointSaved', saved(2), 'job-o:2');
    await outbox.publish('checkpointSaved', saved(3), 'job-o:3');
    await new Promise((r) => setTimeout(r, 1_500));
    expect(outbox.pending()).toBe(2);
    server = await nats(store, server.port);
    expect(await outbox.flush(20_000)).toBe(true);
    expect(await storedSteps(nc)).toEqual([1, 2, 3]);
    await outbox.close();
  }, 40_000);

  it('outbox - what a publisher could not send before it stopped is sent by the next one, with its message id', async () => {
    const server = await nats(tmp());
    const dir = tmp();
    // The first publisher's NATS never acknowledges: its events stay on disk when it closes.
    const down = { enabled: true, publish: () => Promise.reject(new Error('nats down')) };
    const first = await openOutbox(dir, down, log, 50);
    await first.publish('checkpointSaved', saved(7), 'job-o:7');
    await first.publish('checkpointSaved', saved(8), 'job-o:8');
    await first.close();
    expect(readdirSync(dir)).toHaveLength(2);
    const nc = await connection(server.url);
    const publisher = await createPublisher(nc);
    await publisher.publish('checkpointSaved', saved(7), 'job-o:7'); // this one did arrive before the crash
    const second = await openOutbox(dir, publisher, log, 50);
    expect(await second.flush(10_000)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(await storedSteps(nc)).toEqual([7, 8]);
    await second.publish('checkpointSaved', saved(9), 'job-o:9');
    expect(await second.flush(10_000)).toBe(true);
    expect(await storedSteps(nc)).toEqual([7, 8, 9]);
    await second.close();
  }, 30_000);
});
