// finetune board: in place of `tensorboard --logdir`, a page on 127.0.0.1 with every run's loss, learning rate,
// images/s, validation accuracy and recall@k by step, overlaid, and each run's newest evaluation; live.
import { describeConfig, intOption, numberOption, optionalStringOption, parseConfig, stringOption } from '@finetune/runtime';
import { UsageError, type Command } from '../command';
import { startBoard } from '../board/board-server';
import { checkLogDirs, parseLogDirs } from '../board/log-dirs';

/** TensorBoard's port, so the habit carries over. */
export const BOARD_PORT = 6006;

const options = {
  logdir: optionalStringOption({ flag: 'logdir', doc: 'A train dir, a folder of train dirs, or several comma-separated (name:dir pairs allowed), as TensorBoard takes.' }),
  host: stringOption({ flag: 'host', doc: 'Address to listen on; the default keeps the board on this machine.', default: '127.0.0.1' }),
  port: intOption({ flag: 'port', doc: 'Port to listen on; 0: any free port.', default: BOARD_PORT, min: 0, max: 65535 }),
  reloadInterval: numberOption({ flag: 'reload_interval', doc: 'Seconds between the page\'s reloads of the train dirs.', default: 5, min: 0.2 }),
};

export const boardCommand: Command = {
  name: 'board',
  summary: 'curves and evaluations of train dirs in the browser, live (in place of tensorboard --logdir)',
  async run(argv) {
    if (argv.includes('--help')) {
      process.stdout.write(`usage: finetune board --logdir=DIR[,DIR…] [--port ${BOARD_PORT}]\n\n${describeConfig(options)}\n`);
      return 0;
    }
    const config = parseConfig(options, argv, process.env);
    if (!config.logdir) throw new UsageError('--logdir is required: a train dir, a folder of train dirs, or several comma-separated');
    const logDirs = parseLogDirs(config.logdir);
    await checkLogDirs(logDirs);
    const board = await startBoard({ logDirs, host: config.host, port: config.port, reloadSecs: config.reloadInterval }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') throw new UsageError(`--port ${config.port}: already in use on ${config.host}; pass another, or --port 0 for any free one`);
      throw err;
    });
    process.stdout.write(`Finetune board at ${board.url} (${logDirs.map((d) => d.dir).join(', ')}); Ctrl-C to stop\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await board.close();
    return 0;
  },
};
