// A real event bus for unit tests of services: a nats-server -js in a temp dir, a publisher on it, and reads of
// what was published. Imported as @finetune/events/testing; never in the index.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { FINETUNE_EVENTS, type FinetuneEventName, type FinetuneEventOutput } from '@finetune/contracts';
import { startNatsServer, type NatsServerProcess } from '@finetune/runtime';
import { decodeEvent } from './event-codec';
import { createPublisher, type EventPublisher } from './publisher';

export interface TestEventBus {
  publisher: EventPublisher;
  nc: NatsConnection;
  /** Every event of that name on the stream, oldest first. */
  published<N extends FinetuneEventName>(event: N): Promise<FinetuneEventOutput<N>[]>;
  stop(): Promise<void>;
}

export async function startTestEventBus(): Promise<TestEventBus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'event-bus-'));
  let server: NatsServerProcess | undefined;
  try {
    server = await startNatsServer({ storeDir: dir });
    const nc = await connect({ servers: server.url });
    const publisher = await createPublisher(nc);
    const jsm = await nc.jetstreamManager();
    const stopped = server;
    return {
      publisher,
      nc,
      async published(event) {
        const subject = FINETUNE_EVENTS.events[event].subject;
        const info = await jsm.streams.info(FINETUNE_EVENTS.stream);
        const out: FinetuneEventOutput<typeof event>[] = [];
        for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
          const m = await jsm.streams.getMessage(FINETUNE_EVENTS.stream, { seq }).catch(() => undefined);
          if (m && m.subject === subject) out.push(decodeEvent(event, m.data));
        }
        return out;
      },
      async stop() {
        await nc.drain().catch(() => undefined);
        await stopped.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
