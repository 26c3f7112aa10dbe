// The demo's board: the train dirs' curves and evaluations live in the browser while the demo runs, closed
// when it ends unless --keep-board asks to leave it up (then until Ctrl-C).
import { mkdir } from 'node:fs/promises';
import { startBoard } from '../board/board-server';
import { BOARD_PORT } from '../commands/board';

export interface DemoBoard {
  url: string;
  /** Closes the board, or with `keep` waits for SIGINT/SIGTERM first. */
  finish(keep: boolean): Promise<void>;
}

/** Starts a board on `trainRoot` on `port` (TensorBoard's 6006), or on a free port when that one is taken. */
export async function openDemoBoard(trainRoot: string, port = BOARD_PORT): Promise<DemoBoard> {
  await mkdir(trainRoot, { recursive: true });
  const options = { logDirs: [{ name: '', dir: trainRoot }], host: '127.0.0.1', reloadSecs: 2 };
  const board = await startBoard({ ...options, port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') return startBoard({ ...options, port: 0 });
    throw err;
  });
  return {
    url: board.url,
    async finish(keep) {
      if (keep) {
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
      }
      await board.close();
    },
  };
}
