// The board's HTTP server on 127.0.0.1: the page and its assets, /api/runs (every run's curves and newest
// evaluation, re-read on each request so the page shows jobs live as it polls) and the misclassified thumbnails.
import http from 'node:http';
import { assetBytes, BOARD_ASSETS } from './board-assets';
import { findRuns, type LogDir } from './log-dirs';
import { readRunSnapshot, validationRecords } from './run-snapshot';
import { exampleThumbnail, ExampleNotFoundError } from './thumbnail';

export interface BoardOptions {
  logDirs: LogDir[];
  host: string;
  /** 0: any free port. */
  port: number;
  /** How often the page asks for new data, in seconds (TensorBoard's --reload_interval). */
  reloadSecs: number;
}

export interface Board {
  url: string;
  close(): Promise<void>;
}

/** Thumbnails kept in memory; the images of an evaluation never change. */
const THUMBNAIL_CACHE = 500;

export async function startBoard(o: BoardOptions): Promise<Board> {
  const thumbnails = new Map<string, Buffer>();

  async function runs(): Promise<unknown> {
    const found = await findRuns(o.logDirs);
    return { reloadSecs: o.reloadSecs, logDirs: o.logDirs.map((d) => d.dir), runs: await Promise.all(found.map(readRunSnapshot)) };
  }

  async function thumbnail(runName: string, n: number): Promise<Buffer> {
    const run = (await findRuns(o.logDirs)).find((r) => r.name === runName);
    if (!run) throw new ExampleNotFoundError(`no run named ${runName}`);
    const newest = (await validationRecords(run.dir)).at(-1);
    const example = newest?.misclassified[n];
    if (!newest || !example) throw new ExampleNotFoundError(`run ${runName} has no misclassified image ${n} in its newest evaluation`);
    const key = `${newest.dataset_dir}\n${example.shard}\n${example.record}`;
    let png = thumbnails.get(key);
    if (!png) {
      png = await exampleThumbnail(newest.dataset_dir, example.shard, example.record);
      if (thumbnails.size >= THUMBNAIL_CACHE) thumbnails.delete(thumbnails.keys().next().value!);
      thumbnails.set(key, png);
    }
    return png;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://board');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET' }).end();
    const asset = BOARD_ASSETS[url.pathname];
    if (asset) return void res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' }).end(await assetBytes(asset));
    if (url.pathname === '/api/runs') {
      return void res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(await runs()));
    }
    if (url.pathname === '/api/thumbnail') {
      const n = Number(url.searchParams.get('n'));
      if (!Number.isSafeInteger(n) || n < 0) return void res.writeHead(400).end('n must be a whole number\n');
      try {
        const png = await thumbnail(url.searchParams.get('run') ?? '', n);
        return void res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' }).end(png);
      } catch (err) {
        if (err instanceof ExampleNotFoundError) return void res.writeHead(404).end(`${err.message}\n`);
        throw err;
      }
    }
    res.writeHead(404).end('not found: the board is at /\n');
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${err.message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return {
    url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
