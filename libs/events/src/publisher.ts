// Publishes events to JetStream and waits for the stream's acknowledgement: an event is durable or the call fails.
import type { NatsConnection } from 'nats';
import { FINETUNE_EVENTS, type FinetuneEventInput, type FinetuneEventName } from '@finetune/contracts';
import { encodeEvent } from './event-codec';
import { ensureEventStream } from './stream';

export interface EventPublisher {
  /**
   * `id` makes a publish idempotent: JetStream stores one copy per id within its duplicate window,
   * so retrying after a lost acknowledgement cannot create a second event.
   */
  publish<N extends FinetuneEventName>(event: N, payload: FinetuneEventInput<N>, id: string): Promise<void>;
  /** False when no NATS is configured and events go nowhere. */
  readonly enabled: boolean;
}

export async function createPublisher(nc: NatsConnection | undefined): Promise<EventPublisher> {
  if (!nc) return { enabled: false, publish: async () => undefined };
  await ensureEventStream(await nc.jetstreamManager());
  const js = nc.jetstream();
  return {
    enabled: true,
    async publish(event, payload, id) {
      await js.publish(FINETUNE_EVENTS.events[event].subject, encodeEvent(event, payload), { msgID: `${event}:${id}` });
    },
  };
}
