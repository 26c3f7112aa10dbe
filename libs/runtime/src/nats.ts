// The NATS connection a service runs with: fails fast at start, then reconnects on its own forever.
import { connect, type NatsConnection } from 'nats';
import { FinetuneError } from './errors';
import type { Logger } from './logger';
import { natsConnectOptions, type NatsSecurity } from './nats-security';

/** How long the first connection may take before the service gives up and exits. */
export const NATS_CONNECT_TIMEOUT_MS = 3_000;
/** Pause between reconnection attempts after the connection is lost. */
export const NATS_RECONNECT_WAIT_MS = 1_000;

export async function connectNats(url: string, name: string, log: Logger, security: NatsSecurity = {}): Promise<NatsConnection> {
  const secured = natsConnectOptions(security); // a bad flag fails here, not as an unreachable server
  let nc: NatsConnection;
  try {
    nc = await connect({
      ...secured,
      servers: url.split(','),
      name,
      timeout: NATS_CONNECT_TIMEOUT_MS,
      maxReconnectAttempts: -1,
      reconnectTimeWait: NATS_RECONNECT_WAIT_MS,
      waitOnFirstConnect: false,
    });
  } catch (cause) {
    throw new FinetuneError('unavailable', `cannot reach NATS at ${url}: ${(cause as Error).message}`, { cause });
  }
  (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error') {
        log.warn(`nats ${s.type}`, { data: String(s.data) });
      }
    }
  })().catch(() => undefined);
  return nc;
}
