// Every service starts here: config, logs, metrics, NATS, gRPC with health and reflection, and a
// graceful shutdown that lets in-flight calls finish before the process exits.
import { Server, ServerCredentials, status, type ServiceDefinition } from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import type { NatsConnection } from 'nats';
import type { Registry } from 'prom-client';
import { ConfigError, describeConfig, parseConfig, type ConfigOf, type ConfigSpec } from './config';
import { connectionAgeServerOptions } from './connection-age';
import { createLogger, type Logger, type LogLevel } from './logger';
import { HealthRegistry } from './health';
import { createMetrics, serveMetrics } from './metrics';
import { connectNats } from './nats';
import { implementService, type CallTracker, type Handlers } from './rpc-handlers';
import { runtimeOptions, type RuntimeConfig } from './runtime-options';
import { serverCredentials } from './tls';

/** How long shutdown waits for in-flight calls before cutting them off. */
export const SHUTDOWN_GRACE_MS = 8_000;
const HEALTH_SERVICE = 'grpc.health.v1.Health';

export interface ServiceContext<C> {
  config: C & RuntimeConfig;
  log: Logger;
  metrics: Registry;
  health: HealthRegistry;
  /** Present when --nats-url is set. */
  nats?: NatsConnection;
  /** Aborted when shutdown begins: long work should stop at its next safe point. */
  shutdown: AbortSignal;
}

export interface ServiceSetup {
  /** gRPC services by fully-qualified name, e.g. 'finetune.trainer.v1.TrainerService'. */
  services: Record<string, Handlers>;
  /** Services start NOT_SERVING and must be marked SERVING later by the service itself (e.g. inference until a model loads). */
  startNotServing?: string[];
  /** Runs after the gRPC server stopped taking calls and in-flight ones ended. */
  onStop?: () => Promise<void>;
}

export interface ServiceSpec<S extends ConfigSpec> {
  name: string;
  /** The contracts' package definition (all protos, health included). */
  packageDefinition: PackageDefinition;
  /** The service's own options; the runtime adds its own (ports, NATS, log level). */
  options: S;
  setup(ctx: ServiceContext<ConfigOf<S>>): Promise<ServiceSetup>;
}

export interface RunningService {
  grpcPort: number;
  metricsPort: number;
  stop(): Promise<void>;
}

/**
 * Runs a service as a process: on a bad flag or an unreachable dependency it prints one line and exits
 * non-zero; on SIGTERM or SIGINT it shuts down gracefully and exits 0.
 */
export async function runService<S extends ConfigSpec>(spec: ServiceSpec<S>, argv = process.argv.slice(2)): Promise<void> {
  if (argv.includes('--help')) {
    process.stdout.write(`${spec.name} service\n\n${describeConfig({ ...runtimeOptions(spec.name), ...spec.options })}\n`);
    return;
  }
  let running: RunningService;
  try {
    running = await startService(spec, argv, process.env);
  } catch (err) {
    process.stderr.write(`${spec.name}: ${(err as Error).message}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', service: spec.name, msg: 'shutting down', signal }) + '\n');
    running.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`${spec.name}: shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

/** Starts a service in this process; the caller owns signals. Throws on bad config or unreachable dependencies. */
export async function startService<S extends ConfigSpec>(spec: ServiceSpec<S>, argv: readonly string[], env: NodeJS.ProcessEnv): Promise<RunningService> {
  const config = parseConfig({ ...runtimeOptions(spec.name), ...spec.options }, argv, env) as ConfigOf<S> & RuntimeConfig;
  const log = createLogger({ service: spec.name }, { level: config.logLevel as LogLevel });
  const metrics = createMetrics(spec.name);
  const health = new HealthRegistry();
  const abort = new AbortController();
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch((err) => log.warn('cleanup failed', { err }));
  };

  try {
    const natsSecurity = {
      token: config.natsToken,
      user: config.natsUser,
      password: config.natsPassword,
      creds: config.natsCreds,
      tlsCa: config.natsTlsCa,
      tlsCert: config.natsTlsCert,
      tlsKey: config.natsTlsKey,
    };
    const nats = config.natsUrl ? await connectNats(config.natsUrl, spec.name, log, natsSecurity) : undefined;
    // Read before anything starts, so a missing certificate is one line at start, not a failed bind later.
    const grpcCredentials = serverCredentials({ cert: config.tlsCert, key: config.tlsKey, ca: config.tlsCa });
    if (nats) cleanups.push(() => nats.drain());
    else log.info('no --nats-url: events are neither published nor consumed');

    const metricsServer = await listen(`--metrics-port ${config.metricsPort}`, () => serveMetrics(metrics.registry, config.metricsHost, config.metricsPort));
    cleanups.push(() => new Promise((resolve) => metricsServer.close(() => resolve())));

    const setup = await spec.setup({ config, log, metrics: metrics.registry, health, nats, shutdown: abort.signal });
    if (setup.onStop) cleanups.push(setup.onStop);

    const inFlight = new Map<number, () => void>();
    let nextCall = 0;
    const tracker: CallTracker = {
      begin(cancel) {
        const id = nextCall++;
        inFlight.set(id, cancel);
        return () => inFlight.delete(id);
      },
    };
    const server = new Server({
      'grpc.max_receive_message_length': config.maxMessageBytes,
      'grpc.max_send_message_length': config.maxMessageBytes,
      ...connectionAgeServerOptions(config),
    });
    for (const [serviceName, handlers] of Object.entries(setup.services)) {
      const definition = spec.packageDefinition[serviceName] as ServiceDefinition | undefined;
      if (!definition || 'format' in definition) throw new Error(`no gRPC service ${serviceName} in the contracts`);
      server.addService(
        definition,
        implementService(definition, handlers, {
          log,
          tracker,
          serviceName,
          onCall: (method, code, seconds) => metrics.observeCall(method, status[code] ?? String(code), seconds),
        }),
      );
      health.set(serviceName, setup.startNotServing?.includes(serviceName) ? 'NOT_SERVING' : 'SERVING');
    }
    server.addService(spec.packageDefinition[HEALTH_SERVICE] as ServiceDefinition, health.implementation());
    // Reflection describes this port only: listing a service served elsewhere would invite UNIMPLEMENTED calls.
    new ReflectionService(spec.packageDefinition, { services: [...Object.keys(setup.services), HEALTH_SERVICE] }).addToServer(server);
    const grpcPort = await listen(`--grpc-port ${config.grpcPort}`, () => bind(server, `${config.grpcHost}:${config.grpcPort}`, grpcCredentials));
    health.set('', 'SERVING');
    // Written whatever --log-level says: launchers (finetune serve, the demo, tests) learn the ports from it.
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', service: spec.name, msg: 'ready', grpcPort, metricsPort: metricsServer.port })}\n`);

    let stopped: Promise<void> | undefined;
    return {
      grpcPort,
      metricsPort: metricsServer.port,
      stop() {
        stopped ??= (async () => {
          health.setAll('NOT_SERVING');
          health.closeWatchers();
          abort.abort(new Error('service shutting down'));
          // Streams such as WatchJob would never end by themselves: end them so tryShutdown can finish.
          for (const cancel of inFlight.values()) cancel();
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              log.warn('in-flight calls did not finish in time; cutting them off', { graceMs: SHUTDOWN_GRACE_MS });
              server.forceShutdown();
              resolve();
            }, SHUTDOWN_GRACE_MS);
            server.tryShutdown(() => {
              clearTimeout(timer);
              resolve();
            });
          });
          await cleanup();
          log.info('stopped');
        })();
        return stopped;
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

function bind(server: Server, address: string, creds: ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => server.bindAsync(address, creds, (err, port) => (err ? reject(err) : resolve(port))));
}

// A port in use is a bad flag value as far as the operator is concerned: name the flag.
async function listen<T>(what: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (cause) {
    throw new ConfigError(what.split(' ')[0]!.slice(2), `cannot listen on ${what}: ${(cause as Error).message}`);
  }
}
