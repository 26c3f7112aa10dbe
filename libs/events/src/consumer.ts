// A durable JetStream consumer: replicas that share its name share the work, and what arrives while all
// are down waits on disk. A message is acknowledged only after its handler succeeded.
import { AckPolicy, DeliverPolicy, type NatsConnection, type JsMsg } from 'nats';
import { FINETUNE_EVENTS, type FinetuneEventName, type FinetuneEventOutput } from '@finetune/contracts';
import { decodeEvent } from './event-codec';
import { ensureEventStream } from './stream';

/**
 * How long JetStream waits for a sign of life before it hands an event to another replica. Short, so the event
 * of a replica that died comes back in seconds; a live handler extends it with in-progress acks.
 */
export const DEFAULT_ACK_WAIT_SECS = 30;
/** In-progress acks per ack wait: a few, so one lost on the way does not lose the event. */
const WORKING_PER_ACK_WAIT = 3;
/** After this many failed deliveries an event is given up on (and logged) instead of retried forever. */
export const DEFAULT_MAX_DELIVER = 5;
/** Wait before a failed event is delivered again. */
export const RETRY_DELAY_MS = 2_000;
const NANOS_PER_SEC = 1_000_000_000;

export interface ConsumeOptions<N extends FinetuneEventName> {
  /** Shared by all replicas of one service, e.g. 'evaluator'. */
  durable: string;
  event: N;
  handle(event: FinetuneEventOutput<N>, info: { deliveryCount: number; seq: number }): Promise<void>;
  /** Called when a handler throws; the event is retried until maxDeliver. */
  onError?(err: unknown, info: { deliveryCount: number; seq: number; final: boolean }): void;
  ackWaitSecs?: number;
  maxDeliver?: number;
  signal?: AbortSignal;
}

/** Runs until the signal aborts or the connection closes. */
export async function consumeEvents<N extends FinetuneEventName>(nc: NatsConnection, options: ConsumeOptions<N>): Promise<void> {
  const jsm = await nc.jetstreamManager();
  await ensureEventStream(jsm);
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  const durable = `${options.durable}-${options.event}`;
  const stream = FINETUNE_EVENTS.stream;
  const ackWaitSecs = options.ackWaitSecs ?? DEFAULT_ACK_WAIT_SECS;
  const ackWait = ackWaitSecs * NANOS_PER_SEC;
  const existing = await jsm.consumers.info(stream, durable).catch(() => undefined);
  if (!existing) {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      filter_subject: FINETUNE_EVENTS.events[options.event].subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWait,
      max_deliver: maxDeliver,
    });
  } else if (existing.config.ack_wait !== ackWait || existing.config.max_deliver !== maxDeliver) {
    // A consumer made by an older version keeps its settings on the server until someone changes them.
    await jsm.consumers.update(stream, durable, { ack_wait: ackWait, max_deliver: maxDeliver });
  }
  const consumer = await nc.jetstream().consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: 1 });
  options.signal?.addEventListener('abort', () => messages.stop(), { once: true });
  for await (const m of messages) {
    await handleOne(m, options, maxDeliver, (ackWaitSecs * 1000) / WORKING_PER_ACK_WAIT);
  }
}

async function handleOne<N extends FinetuneEventName>(m: JsMsg, options: ConsumeOptions<N>, maxDeliver: number, workingEveryMs: number): Promise<void> {
  const info = { deliveryCount: m.info.redeliveryCount, seq: m.seq };
  // Keep the message ours while a long handler (an evaluation) runs; a closed connection just stops them.
  const keepAlive = setInterval(() => {
    try {
      m.working();
    } catch {
      // the connection is gone: JetStream redelivers after the ack wait, as it should
    }
  }, workingEveryMs);
  try {
    await options.handle(decodeEvent(options.event, m.data), info);
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
