// The whole system on this machine: a nats-server -js and the five services as processes, on free ports.
import path from 'node:path';
import { SERVICE_NAMES, startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceName, type ServiceProcess } from '@finetune/runtime';

export interface LocalStack {
  nats: NatsServerProcess;
  services: Record<ServiceName, ServiceProcess>;
  address(name: ServiceName): string;
  stop(): Promise<void>;
}

export async function startLocalStack(stateDir: string, onReady: (line: string) => void): Promise<LocalStack> {
  const nats = await startNatsServer({ storeDir: path.join(stateDir, 'nats') });
  onReady(`nats-server -js       ${nats.url}`);
  const services = {} as Record<ServiceName, ServiceProcess>;
  try {
    // One at a time: five processes loading tfjs at once would only fight over two cores.
    for (const name of SERVICE_NAMES) {
      services[name] = await startServiceProcess(name, {
        args: ['--grpc-host=127.0.0.1', '--grpc-port=0', '--metrics-host=127.0.0.1', '--metrics-port=0', '--log-level=warn'],
        env: { FINETUNE_NATS_URL: nats.url, FINETUNE_STATE_DIR: stateDir, FINETUNE_DATA_ROOT: stateDir },
        echo: (line) => {
          if (/"level":"(warn|error)"/.test(line)) process.stderr.write(`  [${name}] ${line}\n`);
        },
      });
      onReady(`${name.padEnd(10)} gRPC 127.0.0.1:${services[name].grpcPort}  metrics http://127.0.0.1:${services[name].metricsPort}/metrics`);
    }
  } catch (err) {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await nats.stop();
    throw err;
  }
  return {
    nats,
    services,
    address: (name) => `127.0.0.1:${services[name].grpcPort}`,
    async stop() {
      await Promise.all(Object.values(services).map((s) => s.stop()));
      await nats.stop();
    },
  };
}
