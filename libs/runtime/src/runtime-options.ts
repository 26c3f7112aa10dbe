// Options every service shares: where it listens, where NATS is, how much it logs.
import { connectionAgeOptions } from './connection-age';
import { enumOption, intOption, optionalStringOption, stringOption, type ConfigOf } from './config';
import { natsSecurityOptions } from './nats-security';
import { tlsOptions } from './tls';

/**
 * Where a service listens unless told otherwise: this machine only. A cluster sets FINETUNE_GRPC_HOST and
 * FINETUNE_METRICS_HOST to 0.0.0.0 once for every service (one ConfigMap).
 */
export const DEFAULT_LISTEN_HOST = '127.0.0.1';

/** 4 MiB is gRPC's default; images and batches need more. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function runtimeOptions(service: string) {
  const env = (name: string) => `FINETUNE_${service.toUpperCase()}_${name}`;
  return {
    grpcHost: stringOption({ flag: 'grpc-host', env: 'FINETUNE_GRPC_HOST', doc: 'Address the gRPC server listens on; 0.0.0.0 to be reached from other machines.', default: DEFAULT_LISTEN_HOST }),
    grpcPort: intOption({ flag: 'grpc-port', env: env('GRPC_PORT'), doc: 'gRPC port; 0 picks a free one.', default: defaultPort(service), min: 0, max: 65535 }),
    metricsHost: stringOption({ flag: 'metrics-host', env: 'FINETUNE_METRICS_HOST', doc: 'Address the /metrics endpoint listens on; 0.0.0.0 for a Prometheus on another machine.', default: DEFAULT_LISTEN_HOST }),
    metricsPort: intOption({ flag: 'metrics-port', env: env('METRICS_PORT'), doc: 'Port of /metrics; 0 picks a free one.', default: defaultPort(service) + 1000, min: 0, max: 65535 }),
    natsUrl: optionalStringOption({ flag: 'nats-url', env: 'FINETUNE_NATS_URL', doc: 'NATS server(s) with JetStream, e.g. nats://127.0.0.1:4222; unset: no events.' }),
    ...natsSecurityOptions,
    ...tlsOptions,
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
