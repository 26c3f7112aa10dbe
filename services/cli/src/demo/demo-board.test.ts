// The demo's board: up on the train dirs while the demo runs, on another port when 6006 is taken, and gone after.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDemoBoard } from './demo-board';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('demo board', () => {
  it('demo board - serves the train dirs on a free port when the preferred one is taken, and nothing once finished', async () => {
    const stateDir = await mkdtemp(path.join(os.tmpdir(), 'demo-board-'));
    dirs.push(stateDir);
    const taken = http.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const busy = (taken.address() as { port: number }).port;
    try {
      const board = await openDemoBoard(path.join(stateDir, 'train'), busy);
      expect(board.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(new URL(board.url).port).not.toBe(String(busy));
      const res = await fetch(new URL('/api/runs', board.url));
      expect(await res.json()).toMatchObject({ runs: [], logDirs: [path.join(stateDir, 'train')] });
      await board.finish(false);
      await expect(fetch(new URL('/api/runs', board.url))).rejects.toThrowError();
    } finally {
      taken.close();
    }
  });
});
