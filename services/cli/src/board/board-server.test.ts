// The board's server and log dirs without a browser: --logdir as TensorBoard takes it, /api/runs, thumbnails
// that only a record's own dataset can supply, the page's assets from node_modules, and one-line flag errors.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { EVAL_DIR_NAME, initBackend, writeEvaluationRecord, type EvaluatedRecord } from '@finetune/engine';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { boardCommand } from '../commands/board';
import { startBoard, type Board } from './board-server';
import { findRuns, parseLogDirs } from './log-dirs';
import type { RunSnapshot } from './run-snapshot';
import { makeBoardFixture, type BoardFixture } from './testing';

let root: string;
let fixture: BoardFixture;
let board: Board;
let record: EvaluatedRecord;

beforeAll(async () => {
  await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
  root = await mkdtemp(path.join(os.tmpdir(), 'board-server-'));
  fixture = await makeBoardFixture(root);
  await fixture.addSummaries('head', [1, 2, 3]);
  await fixture.addSummaries('head', [3]); // step 3 again, as after a restart from an older checkpoint
  record = await fixture.addEvaluation('head', 3, 0);
  await mkdir(path.join(fixture.logDir, 'notes'), { recursive: true }); // not a train dir
  board = await startBoard({ logDirs: parseLogDirs(fixture.logDir), host: '127.0.0.1', port: 0, reloadSecs: 1 });
}, 120_000);

afterAll(async () => {
  await board?.close();
  fixture?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('board server', () => {
  it('board log dirs - one dir, a parent of train dirs, several comma-separated, and name:dir pairs', async () => {
    expect(parseLogDirs('a/b')).toEqual([{ name: '', dir: path.resolve('a/b') }]);
    expect(parseLogDirs('head:/x/h, /x/all')).toEqual([{ name: 'head', dir: '/x/h' }, { name: 'all', dir: '/x/all' }]);
    expect(() => parseLogDirs(' , ')).toThrowError(/--logdir is required/);
    expect(await findRuns(parseLogDirs(fixture.logDir))).toEqual([{ name: 'head', dir: fixture.runDir('head') }]);
    expect(await findRuns(parseLogDirs(fixture.runDir('head')))).toEqual([{ name: 'head', dir: fixture.runDir('head') }]);
    expect((await findRuns(parseLogDirs(`h:${fixture.runDir('head')},${root}`))).map((r) => r.name)).toEqual([`${path.basename(root)}/train_dir/head`, 'h']);
  });

  it('board server - /api/runs has each run by step, a re-run step once, and the newest evaluation in full', async () => {
    const res = await fetch(new URL('/api/runs', board.url));
    expect(res.headers.get('content-type')).toBe('application/json');
    const { runs, reloadSecs } = (await res.json()) as { runs: RunSnapshot[]; reloadSecs: number };
    expect(reloadSecs).toBe(1);
    expect(runs.map((r) => r.name)).toEqual(['head']);
    const [head] = runs;
    expect(head!.train.step).toEqual([1, 2, 3]);
    expect(head!.eval).toEqual({ step: [3], accuracy: [record.accuracy], recallAtK: [record.recall_at_k], k: [3] });
    expect(head!.newest).toMatchObject({ step: 3, k: 3, confusion: record.confusion_matrix, classNames: ['daisy', 'roses', 'tulips'] });
    expect(head!.newest!.misclassified.map((m) => m.splitIndex)).toEqual(record.misclassified.map((m) => m.split_index));
  });

  it('board server - a thumbnail is the validation image decoded from its shard; other requests are refused', async () => {
    expect(record.misclassified.length).toBeGreaterThan(0);
    const res = await fetch(new URL('/api/thumbnail?run=head&n=0', board.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(96);
    expect((await fetch(new URL(`/api/thumbnail?run=head&n=${record.misclassified.length}`, board.url))).status).toBe(404);
    expect((await fetch(new URL('/api/thumbnail?run=nope&n=0', board.url))).status).toBe(404);
    expect((await fetch(new URL('/api/thumbnail?run=head&n=-1', board.url))).status).toBe(400);
    // A record naming a file that is not one of its dataset's shards gets nothing.
    const forged = { ...record, step: 4, misclassified: [{ ...record.misclassified[0]!, shard: '../manifest.json' }] };
    await writeEvaluationRecord(path.join(fixture.runDir('head'), EVAL_DIR_NAME), forged);
    const refused = await fetch(new URL('/api/thumbnail?run=head&n=0', board.url));
    expect(refused.status).toBe(404);
    expect(await refused.text()).toMatch(/is not a shard of the dataset/);
    await rm(path.join(fixture.runDir('head'), EVAL_DIR_NAME, 'step-4.json'));
  });

  it('board server - the page, its script and uPlot come from this server; unknown paths are 404', async () => {
    const page = await (await fetch(board.url)).text();
    expect(page).toContain('<script src="/vendor/uPlot.iife.min.js"></script>');
    expect(page).not.toMatch(/https?:\/\//);
    const uplot = await fetch(new URL('/vendor/uPlot.iife.min.js', board.url));
    expect(uplot.headers.get('content-type')).toMatch(/javascript/);
    expect((await uplot.text()).length).toBeGreaterThan(10_000);
    expect((await fetch(new URL('/vendor/../../package.json', board.url))).status).toBe(404);
    expect((await fetch(new URL('/board.js', board.url))).status).toBe(200);
  });

  it('board command - a missing --logdir folder or a busy port is one line naming the flag', async () => {
    await expect(boardCommand.run([`--logdir=${path.join(root, 'missing')}`])).rejects.toThrowError(/^--logdir .*missing: no such folder/);
    await expect(boardCommand.run([])).rejects.toThrowError(/^--logdir is required/);
    const port = new URL(board.url).port;
    await expect(boardCommand.run([`--logdir=${fixture.logDir}`, `--port=${port}`])).rejects.toThrowError(new RegExp(`^--port ${port}: already in use`));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await boardCommand.run(['--help'])).toBe(0);
      expect(String(out.mock.calls[0]![0])).toContain('--logdir');
    } finally {
      out.mockRestore();
    }
    await writeFile(path.join(root, 'plain-file'), 'x');
    await expect(boardCommand.run([`--logdir=${path.join(root, 'plain-file')}`])).rejects.toThrowError(/no such folder/);
  });
});
