// finetune serve <service|all>: runs services as processes; `all` also starts a local nats-server -js.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, SERVICE_NAMES, serviceEntry, startServiceProcess, type ServiceName, type ServiceProcess, type NatsServerProcess } from '@finetune/runtime';
import { UsageError, type Command } from '../command';
import { serveAll, serveAllHelp } from './serve-all';

export const serveCommand: Command = {
  name: 'serve',
  summary: `run a service (${SERVICE_NAMES.join(', ')}) or all five with a local nats-server -js`,
  async run(argv) {
    const [target, ...flags] = argv;
    if (!target || target === '--help') {
      process.stdout.write(
        `usage: finetune serve <${SERVICE_NAMES.join('|')}|all> [service flags]\n` +
          `  finetune serve trainer --help    lists a service's flags\n` +
          `  finetune serve all [--state-dir .finetune]   starts nats-server -js and the five services, restarting any that dies\n` +
          `  finetune serve all --help        lists its flags (ports, host)\n`,
      );
      return target ? 0 : 2;
    }
    if (target === 'all') {
      if (flags.includes('--help')) {
        process.stdout.write(serveAllHelp());
        return 0;
      }
      return serveAll(flags);
    }
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
