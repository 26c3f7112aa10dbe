// Commands run in-process still publish their events when NATS is configured (--nats-url or
// FINETUNE_NATS_URL), so a local `finetune train` gets its checkpoints evaluated by a running evaluator.
import { connect, type NatsConnection } from 'nats';
import { createPublisher, type EventPublisher } from '@finetune/events';
import { natsConnectOptions, natsSecurityFromEnv, optionalStringOption } from '@finetune/runtime';
import { UsageError } from './command';

export const natsUrlOption = optionalStringOption({
  flag: 'nats-url',
  env: 'FINETUNE_NATS_URL',
  doc: 'NATS server with JetStream to publish this step\'s events to; unset: no events.',
});

/** How long the CLI waits for NATS before refusing to start the step. */
const NATS_CONNECT_TIMEOUT_MS = 3_000;

export interface CliEvents {
  events: EventPublisher;
  close(): Promise<void>;
}

export async function openCliEvents(url: string | undefined): Promise<CliEvents> {
  if (!url) return { events: await createPublisher(undefined), close: async () => undefined };
  let nc: NatsConnection;
  try {
    // Credentials and TLS as the services take them: FINETUNE_NATS_TOKEN, _USER/_PASSWORD, _CREDS, _TLS_*.
    nc = await connect({ ...natsConnectOptions(natsSecurityFromEnv()), servers: url.split(','), timeout: NATS_CONNECT_TIMEOUT_MS, name: 'finetune-cli' });
  } catch (err) {
    throw new UsageError(`cannot reach NATS at ${url} (--nats-url / FINETUNE_NATS_URL): ${(err as Error).message}`);
  }
  return { events: await createPublisher(nc), close: () => nc.drain() };
}
