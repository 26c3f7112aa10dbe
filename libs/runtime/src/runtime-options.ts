// Options every service shares: where it listens, where NATS is, how much it logs.
import { connectionAgeOptions } from './connection-age';
import { enumOption, intOption, optionalStringOption, stringOption, type ConfigOf } from './config';

/** 4 MiB is gRPC's default; images and batches need more. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function runtimeOptions(service: string) {
  const env = (name: string) => `FINETUNE_${service.toUpperCase()}_${name}`;
  return {
    grpcHost: stringOption({ flag: 'grpc-host', env: env('GRPC_HOST'), doc: 'Address the gRPC server listens on.', default: '0.0.0.0' }),
    grpcPort: intOption({ flag: 'grpc-port', env: env('GRPC_PORT'), doc: 'gRPC port; 0 picks a free one.', default: defaultPort(service), min: 0, max: 65535 }),
    metricsHost: stringOption({ flag: 'metrics-host', env: env('METRICS_HOST'), doc: 'Address the /metrics endpoint listens on.', default: '0.0.0.0' }),
    metricsPort: intOption({ flag: 'metrics-port', env: env('METRICS_PORT'), doc: 'Port of /metrics; 0 picks a free one.', default: defaultPort(service) + 1000, min: 0, max: 65535 }),
    natsUrl: optionalStringOption({ flag: 'nats-url', env: 'FINETUNE_NATS_URL', doc: 'NATS server(s) with JetStream, e.g. nats://127.0.0.1:4222; unset: no events.' }),
    logLevel: enumOption({ flag: 'log-level', env: 'FINETUNE_LOG_LEVEL', doc: 'Least severe log level written.', default: 'info', values: ['debug', 'info', 'warn', 'error'] as const }),
    maxMessageBytes: intOption({ flag: 'max-message-bytes', env: env('MAX_MESSAGE_BYTES'), doc: 'Largest gRPC message accepted or sent, in bytes.', default: MAX_MESSAGE_BYTES, min: 1024 }),
    ...connectionAgeOptions(env),
  };
}

export type RuntimeConfig = ConfigOf<ReturnType<typeof runtimeOptions>>;

/** Default ports, one block per service so all five run side by side on one machine. */
export const DEFAULT_PORTS: Record<string, number> = {
  dataset: 50051,
  trainer: 50052,
  evaluator: 50053,
  exporter: 50054,
  inference: 50055,
};

function defaultPort(service: string): number {
  return DEFAULT_PORTS[service] ?? 50050;
}
