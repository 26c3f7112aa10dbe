// Follows model.exported on NATS: every replica sees every export (an ordered consumer of its own, not a
// shared durable one), from the moment the service started; what it missed the repository scan covers.
import { DeliverPolicy, type NatsConnection } from 'nats';
import { FINETUNE_EVENTS } from '@finetune/contracts';
import { decodeEvent, ensureEventStream } from '@finetune/events';
import type { Logger } from '@finetune/runtime';
import type { ModelLoader } from './model-loader';

export async function followModelExports(nc: NatsConnection, loader: ModelLoader, options: { since: Date; signal: AbortSignal; log: Logger }): Promise<void> {
  await ensureEventStream(await nc.jetstreamManager());
  const consumer = await nc.jetstream().consumers.get(FINETUNE_EVENTS.stream, {
    filterSubjects: FINETUNE_EVENTS.events.modelExported.subject,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: options.since.toISOString(),
  });
  const messages = await consumer.consume();
  // Any rejection left unhandled would end the process: the wasm backend turns them into uncaught exceptions.
  options.signal.addEventListener('abort', () => void messages.close().catch(() => undefined), { once: true });
  for await (const m of messages) {
    let event;
    try {
      event = decodeEvent('modelExported', m.data);
    } catch (err) {
      options.log.warn('ignoring a malformed model.exported event', { err, seq: m.seq });
      continue;
    }
    const version = Number(event.version);
    if (!loader.wants(event.name, version)) continue;
    options.log.info('model.exported received', { model: event.name, version });
    // An event may outrun a shared store; the repository scan retries what fails here.
    await loader.load(event.name, version, event.sha256).catch((err: unknown) => options.log.error('cannot load exported model version', { model: event.name, version, err }));
  }
}
