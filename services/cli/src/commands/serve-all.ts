// finetune serve all: a local nats-server -js and the five services, each supervised: a child that dies is
// logged and started again with backoff while the others keep running. Ports and the host are flags.
import path from 'node:path';
import {
  ConfigError,
  createSupervisor,
  DEFAULT_PORTS,
  describeConfig,
  intOption,
  parseConfig,
  SERVICE_NAMES,
  startNatsServer,
  startServiceProcess,
  stringOption,
  type ConfigSpec,
  type Started,
} from '@finetune/runtime';
import { UsageError } from '../command';

/** nats-server's own default port. */
export const NATS_PORT = 4222;
/** /metrics of a service listens this far above its gRPC port by default, as each service does alone. */
const METRICS_OFFSET = 1000;

const port = (flag: string, doc: string, def: number) => intOption({ flag, doc, default: def, min: 0, max: 65535 });

export const serveAllOptions = {
  stateDir: stringOption({ flag: 'state-dir', doc: 'Root of the artifact store the services share; NATS keeps its streams under <state-dir>/nats.', default: '.finetune' }),
  host: stringOption({ flag: 'host', doc: 'Address every service and nats-server listen on; 0.0.0.0 to be reached from other machines.', default: '127.0.0.1' }),
  natsPort: port('nats-port', 'Port of the local nats-server; 0 picks a free one.', NATS_PORT),
  ...Object.fromEntries(
    SERVICE_NAMES.flatMap((name) => [
      [`${name}Port`, port(`${name}-port`, `gRPC port of the ${name} service; 0 picks a free one.`, DEFAULT_PORTS[name]!)],
      [`${name}MetricsPort`, port(`${name}-metrics-port`, `/metrics port of the ${name} service; 0 picks a free one.`, DEFAULT_PORTS[name]! + METRICS_OFFSET)],
    ]),
  ),
} satisfies ConfigSpec;

export function serveAllHelp(): string {
  return `usage: finetune serve all [flags]\n\n${describeConfig(serveAllOptions)}\n`;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);

export async function serveAll(flags: string[]): Promise<number> {
  let config: Record<string, string | number>;
  try {
    config = parseConfig(serveAllOptions, flags) as Record<string, string | number>;
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`serve all: ${err.message}; finetune serve all --help lists its flags`);
    throw err;
  }
  const host = String(config.host);
  const stateDir = path.resolve(String(config.stateDir));
  const supervisor = createSupervisor({
    ready: (name, started, restarts) => log(`${name} ${restarts > 0 ? `restarted (restart ${restarts})` : 'ready'}: ${started.describe} (pid ${started.process.pid})`),
    exited: (name, how, inMs) => log(`${name} ${how}; restarting it in ${inMs} ms, the others keep running`),
    startFailed: (name, err, inMs) => log(`${name} could not start again: ${(err as Error).message}; retrying in ${inMs} ms`),
  });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= supervisor.stop());
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  void signalled.then(stop);
  try {
    // The first nats port is kept for restarts, so the services' --nats-url stays right.
    let natsPort = Number(config.natsPort);
    await supervisor.add({
      name: 'nats-server',
      async start(): Promise<Started> {
        const n = await startNatsServer({ storeDir: path.join(stateDir, 'nats'), port: natsPort || undefined, host });
        natsPort = n.port;
        return { process: n.process, describe: `nats-server -js at ${n.url}`, stop: n.stop };
      },
    });
    // The services reach NATS on loopback when it listens on every address.
    const natsUrl = `nats://${host === '0.0.0.0' ? '127.0.0.1' : host}:${natsPort}`;
    for (const name of SERVICE_NAMES) {
      if (stopping) break;
      await supervisor.add({
        name,
        async start(): Promise<Started> {
          const s = await startServiceProcess(name, {
            args: [`--grpc-host=${host}`, `--grpc-port=${config[`${name}Port`]}`, `--metrics-host=${host}`, `--metrics-port=${config[`${name}MetricsPort`]}`],
            env: { FINETUNE_NATS_URL: natsUrl, FINETUNE_STATE_DIR: stateDir },
            echo: log,
          });
          return { process: s.process, describe: `gRPC ${host}:${s.grpcPort}, metrics http://${host}:${s.metricsPort}/metrics`, stop: s.stop };
        },
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  await signalled;
  await stop();
  return 0;
}
