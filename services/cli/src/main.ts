// finetune: one command per step of the TF-Slim workflow, run locally or against the services.
import { ConfigError } from '@finetune/runtime';
import { UsageError, type Command } from './command';
import { boardCommand } from './commands/board';
import { classifyCommand } from './commands/classify';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { evalCommand } from './commands/eval';
import { inspectCheckpointCommand } from './commands/inspect-checkpoint';
import { prepareCommand } from './commands/prepare';
import { serveCommand } from './commands/serve';
import { trainCommand } from './commands/train';

const commands: Command[] = [prepareCommand, trainCommand, evalCommand, inspectCheckpointCommand, exportCommand, classifyCommand, boardCommand, serveCommand, demoCommand];

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`finetune: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || (err as { kind?: string }).kind) {
      process.stderr.write(`finetune ${name}: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`finetune ${name}: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: finetune <command> [flags]   (finetune <command> --help for its flags)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}
