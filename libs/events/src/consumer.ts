// A durable JetStream consumer: replicas that share its name share the work, and what arrives while all
// are down waits on disk. A message is acknowledged only after its handler succeeded.
import { AckPolicy, DeliverPolicy, type NatsConnection, type JsMsg } from 'nats';
import { decodeEvent } from './publisher';
import { eventSubject, type EventKind } from './event-types';
import { EVENT_STREAM, ensureEventStream } from './stream';

/** How long a handler may work on one event before JetStream hands it to another replica. */
export const DEFAULT_ACK_WAIT_SECS = 600;
/** After this many failed deliveries an event is given up on (and logged) instead of retried forever. */
export const DEFAULT_MAX_DELIVER = 5;
/** Wait before a failed event is delivered again. */
export const RETRY_DELAY_MS = 2_000;

export interface ConsumeOptions<T> {
  /** Shared by all replicas of one service, e.g. 'evaluator'. */
  durable: string;
  kind: EventKind;
  handle(event: T, info: { deliveryCount: number; seq: number }): Promise<void>;
  /** Called when a handler throws; the event is retried until maxDeliver. */
  onError?(err: unknown, info: { deliveryCount: number; seq: number; final: boolean }): void;
  ackWaitSecs?: number;
  maxDeliver?: number;
  signal?: AbortSignal;
}

/** Runs until the signal aborts or the connection closes. */
export async function consumeEvents<T>(nc: NatsConnection, options: ConsumeOptions<T>): Promise<void> {
  const jsm = await nc.jetstreamManager();
  await ensureEventStream(jsm);
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  const durable = `${options.durable}-${options.kind.replace('.', '-')}`;
  try {
    await jsm.consumers.info(EVENT_STREAM, durable);
  } catch {
    await jsm.consumers.add(EVENT_STREAM, {
      durable_name: durable,
      filter_subject: eventSubject(options.kind),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: (options.ackWaitSecs ?? DEFAULT_ACK_WAIT_SECS) * 1e9,
      max_deliver: maxDeliver,
    });
  }
  const consumer = await nc.jetstream().consumers.get(EVENT_STREAM, durable);
  const messages = await consumer.consume({ max_messages: 1 });
  options.signal?.addEventListener('abort', () => messages.stop(), { once: true });
  for await (const m of messages) {
    await handleOne(m, options, maxDeliver);
  }
}

async function handleOne<T>(m: JsMsg, options: ConsumeOptions<T>, maxDeliver: number): Promise<void> {
  const info = { deliveryCount: m.info.redeliveryCount, seq: m.seq };
  // Keep the message ours while a long handler (an evaluation) runs.
  const keepAlive = setInterval(() => m.working(), 10_000);
  try {
    await options.handle(decodeEvent<T>(m.data), info);
    m.ack();
  } catch (err) {
    const final = info.deliveryCount >= maxDeliver;
    options.onError?.(err, { ...info, final });
    if (final) m.term();
    else m.nak(RETRY_DELAY_MS);
  } finally {
    clearInterval(keepAlive);
  }
}
