// How long a client may keep one HTTP/2 connection: gRPC clients otherwise never re-resolve the name,
// so replicas the HPA adds behind a headless Service would get no traffic until every client restarts.
import type { ChannelOptions } from '@grpc/grpc-js';
import { intOption } from './config';

/** After this age the server sends GOAWAY: the client finishes its calls there, re-resolves and spreads new calls over every address. gRPC adds ±10% jitter so replicas do not all reconnect at once. */
export const MAX_CONNECTION_AGE_MS = 120_000;
/**
 * How long calls already running on an aged connection may go on before it is closed. Long, because
 * WatchJob and ClassifyStream are legitimately long streams and the CLI does not re-watch; the grace only
 * bounds a connection held by a call that never ends.
 */
export const MAX_CONNECTION_AGE_GRACE_MS = 24 * 3_600_000;
// grpc-js keeps timers in a signed 32-bit millisecond count.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function connectionAgeOptions(env: (name: string) => string) {
  return {
    maxConnectionAgeMs: intOption({
      flag: 'max-connection-age-ms',
      env: env('MAX_CONNECTION_AGE_MS'),
      doc: 'Age after which a client connection is asked to go away, so clients re-resolve and reach new replicas; 0: never.',
      default: MAX_CONNECTION_AGE_MS,
      min: 0,
      max: MAX_TIMER_MS,
    }),
    maxConnectionAgeGraceMs: intOption({
      flag: 'max-connection-age-grace-ms',
      env: env('MAX_CONNECTION_AGE_GRACE_MS'),
      doc: 'How long calls still running on an aged connection may continue before it is closed.',
      default: MAX_CONNECTION_AGE_GRACE_MS,
      min: 0,
      max: MAX_TIMER_MS,
    }),
  };
}

/** The grpc-js server options for the configured ages; none for 0, which grpc-js reads as "never". */
export function connectionAgeServerOptions(config: { maxConnectionAgeMs: number; maxConnectionAgeGraceMs: number }): ChannelOptions {
  if (config.maxConnectionAgeMs === 0) return {};
  return { 'grpc.max_connection_age_ms': config.maxConnectionAgeMs, 'grpc.max_connection_age_grace_ms': config.maxConnectionAgeGraceMs };
}
