// A durable JetStream consumer: replicas that share its name share the work, and what arrives while all
// are down waits on disk. A message is acknowledged only after its handler succeeded.
import { AckPolicy, DeliverPolicy, type NatsConnection, type JsMsg } from 'nats';
import { FINETUNE_EVENTS, type FinetuneEventName, type FinetuneEventOutput } from '@finetune/contracts';
import { decodeEvent } from './event-codec';
import { ensureEventStream } from './stream';

/** How long a handler may work on one event before JetStream hands it to another replica. */
export const DEFAULT_ACK_WAIT_SECS = 600;
/** After this many failed deliveries an event is given up on (and logged) instead of retried forever. */
export const DEFAULT_MAX_DELIVER = 5;
/** Wait before a failed event is delivered again. */
export const RETRY_DELAY_MS = 2_000;

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
  try {
    await jsm.consumers.info(stream, durable);
  } catch {
    await jsm.consumers.add(stream, {
      durable_name: durable,
      filter_subject: FINETUNE_EVENTS.events[options.event].subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: (options.ackWaitSecs ?? DEFAULT_ACK_WAIT_SECS) * 1e9,
      max_deliver: maxDeliver,
    });
  }
  const consumer = await nc.jetstream().consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: 1 });
  options.signal?.addEventListener('abort', () => messages.stop(), { once: true });
  for await (const m of messages) {
    await handleOne(m, options, maxDeliver);
  }
}

async function handleOne<N extends FinetuneEventName>(m: JsMsg, options: ConsumeOptions<N>, maxDeliver: number): Promise<void> {
  const info = { deliveryCount: m.info.redeliveryCount, seq: m.seq };
  // Keep the message ours while a long handler (an evaluation) runs.
  const keepAlive = setInterval(() => m.working(), 10_000);
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
