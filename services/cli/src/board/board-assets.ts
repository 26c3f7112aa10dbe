// The page's files, all served from this machine: the board's own page, script and styles, and uPlot (a
// 50 kB charting library) from node_modules, so the board works with no network and nothing from a CDN.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  file: string;
  type: string;
}

const pageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page');
const uplotDir = path.join(path.dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist');

/** URL path to file; nothing else on disk is reachable through the board. */
export const BOARD_ASSETS: Record<string, Asset> = {
  '/': { file: path.join(pageDir, 'index.html'), type: 'text/html; charset=utf-8' },
  '/board.js': { file: path.join(pageDir, 'board.js'), type: 'text/javascript; charset=utf-8' },
  '/board.css': { file: path.join(pageDir, 'board.css'), type: 'text/css; charset=utf-8' },
  '/vendor/uPlot.iife.min.js': { file: path.join(uplotDir, 'uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' },
  '/vendor/uPlot.min.css': { file: path.join(uplotDir, 'uPlot.min.css'), type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

/** An asset's bytes, read once per process. */
export async function assetBytes(asset: Asset): Promise<Buffer> {
  let bytes = cache.get(asset.file);
  if (!bytes) cache.set(asset.file, (bytes = await readFile(asset.file)));
  return bytes;
}
