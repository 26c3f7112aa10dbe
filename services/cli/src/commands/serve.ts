// finetune serve <service|all>: runs services as processes; `all` also starts a local nats-server -js.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, SERVICE_NAMES, serviceEntry, startNatsServer, startServiceProcess, type ServiceName, type ServiceProcess, type NatsServerProcess } from '@finetune/runtime';
import { UsageError, type Command } from '../command';

export const serveCommand: Command = {
  name: 'serve',
  summary: `run a service (${SERVICE_NAMES.join(', ')}) or all five with a local nats-server -js`,
  async run(argv) {
    const [target, ...flags] = argv;
    if (!target || target === '--help' || (target === 'all' && flags.includes('--help'))) {
      process.stdout.write(
        `usage: finetune serve <${SERVICE_NAMES.join('|')}|all> [service flags]\n` +
          `  finetune serve trainer --help    lists a service's flags\n` +
          `  finetune serve all [--state-dir .finetune]   starts nats-server -js and the five services on their default ports\n` +
          `      --state-dir    the artifact root of every service (datasets, train dirs, model repository, NATS store)\n`,
      );
      return target ? 0 : 2;
    }
    if (target === 'all') return serveAll(flags);
    if (!(SERVICE_NAMES as readonly string[]).includes(target)) {
      throw new UsageError(`unknown service "${target}"; known: ${SERVICE_NAMES.join(', ')}, all`);
    }
    // The service prints its own flags and exits; there is nothing to wait for.
    if (flags.includes('--help')) {
      return spawnSync(process.execPath, ['--import', 'tsx', serviceEntry(target as ServiceName), '--help'], { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
    }
    const service = await startServiceProcess(target as ServiceName, { args: flags, echo: (line) => process.stderr.write(line + '\n') });
    return waitForSignal([service]);
  },
};

async function serveAll(flags: string[]): Promise<number> {
  let stateDir = '.finetune';
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i]!;
    if (f.startsWith('--state-dir=')) stateDir = f.slice('--state-dir='.length);
    else if (f === '--state-dir' && flags[i + 1]) stateDir = flags[++i]!;
    else throw new UsageError(`unknown flag ${f} for "serve all"; only --state-dir is accepted`);
  }
  const nats = await startNatsServer({ storeDir: path.resolve(stateDir, 'nats'), port: 4222 });
  process.stderr.write(`nats-server -js ready at ${nats.url}\n`);
  const started: ServiceProcess[] = [];
  try {
    for (const name of SERVICE_NAMES) {
      const s = await startServiceProcess(name, {
        env: { FINETUNE_NATS_URL: nats.url, FINETUNE_STATE_DIR: path.resolve(stateDir) },
        echo: (line) => process.stderr.write(line + '\n'),
      });
      started.push(s);
      process.stderr.write(`${name} ready: gRPC 127.0.0.1:${s.grpcPort}, metrics http://127.0.0.1:${s.metricsPort}/metrics\n`);
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.stop()));
    await nats.stop();
    throw err;
  }
  return waitForSignal(started, nats);
}

// Forwards Ctrl-C / SIGTERM to the children and returns once all have exited.
async function waitForSignal(services: ServiceProcess[], nats?: NatsServerProcess): Promise<number> {
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (const s of services) s.process.once('exit', stop);
  });
  await Promise.all(services.map((s) => s.stop()));
  await nats?.stop();
  return services.every((s) => s.process.exitCode === 0) ? 0 : 1;
}
