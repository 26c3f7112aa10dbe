// Publishes events to JetStream and waits for the stream's acknowledgement: an event is durable or the call fails.
import type { NatsConnection } from 'nats';
import { eventSubject, type EventKind } from './event-types';
import { ensureEventStream } from './stream';

export interface EventPublisher {
  /**
   * `id` makes a publish idempotent: JetStream stores one copy per id within its duplicate window,
   * so retrying after a lost acknowledgement cannot create a second event.
   */
  publish(kind: EventKind, payload: object, id: string): Promise<void>;
  /** False when no NATS is configured and events go nowhere. */
  readonly enabled: boolean;
}

export async function createPublisher(nc: NatsConnection | undefined): Promise<EventPublisher> {
  if (!nc) return { enabled: false, publish: async () => undefined };
  await ensureEventStream(await nc.jetstreamManager());
  const js = nc.jetstream();
  return {
    enabled: true,
    async publish(kind, payload, id) {
      await js.publish(eventSubject(kind), encodeEvent(payload), { msgID: `${kind}:${id}` });
    },
  };
}

// Events travel as the JSON mapping of their proto messages: readable with `nats sub`, checked on decode.
export function encodeEvent(payload: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(payload));
}

export function decodeEvent<T>(data: Uint8Array): T {
  return JSON.parse(new TextDecoder().decode(data)) as T;
}
