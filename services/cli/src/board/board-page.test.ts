// The board in a real browser (Debian's chromium through playwright-core): the charts hold one point per
// summary line and per evaluation of every run, the confusion matrix the record's counts, the misclassified
// thumbnails decode, nothing is fetched from elsewhere, and new lines appear while the page is open.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { initBackend, type EvaluatedRecord } from '@finetune/engine';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type Board } from './board-server';
import { parseLogDirs } from './log-dirs';
import { makeBoardFixture, type BoardFixture } from './testing';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (Debian: apt-get install chromium); the board's browser tests are skipped`;

let root: string;
let fixture: BoardFixture;
let board: Board;
let browser: Browser;
const records: Record<string, EvaluatedRecord[]> = { head: [], all: [] };

type ChartCounts = Record<string, Array<{ label: string; points: number }>>;

/** What board.js leaves on the page's window (this project type-checks without the DOM library). */
interface BoardWindow {
  finetuneBoard?: { updates: number; charts: Record<string, { plot: { series: Array<{ label: string }>; data: Array<Array<number | null>> } }> };
}

async function chartCounts(page: Page): Promise<ChartCounts> {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.entries((globalThis as unknown as BoardWindow).finetuneBoard!.charts).map(([id, c]) => [id, c.plot.series.slice(1).map((s, i) => ({ label: s.label, points: c.plot.data[i + 1]!.filter((v) => v != null).length }))]),
    ),
  );
}

describe.skipIf(missing)('board page', () => {
  beforeAll(async () => {
    await initBackend({ env: { FINETUNE_BACKEND: 'wasm' } });
    root = await mkdtemp(path.join(os.tmpdir(), 'board-page-'));
    fixture = await makeBoardFixture(root);
    await fixture.addSummaries('head', [2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    await fixture.addSummaries('all', [5, 10]);
    records.head!.push(await fixture.addEvaluation('head', 10, 0), await fixture.addEvaluation('head', 20, 1));
    records.all!.push(await fixture.addEvaluation('all', 10, 2));
    board = await startBoard({ logDirs: parseLogDirs(fixture.logDir), host: '127.0.0.1', port: 0, reloadSecs: 0.3 });
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await board?.close();
    fixture?.dispose();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('board page - every run overlaid by step with a legend; the newest evaluation as per class, confusion matrix and thumbnails', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => void (r.url().startsWith(board.url) || foreign.push(r.url())));
    await page.goto(board.url);
    await page.waitForFunction(() => ((globalThis as unknown as BoardWindow).finetuneBoard?.updates ?? 0) > 0);

    const counts = await chartCounts(page);
    expect(counts.loss).toEqual([{ label: 'all', points: 2 }, { label: 'head', points: 10 }]);
    expect(counts['learning-rate']).toEqual(counts.loss);
    expect(counts['images-per-second']).toEqual(counts.loss);
    expect(counts.accuracy).toEqual([{ label: 'all', points: 1 }, { label: 'head', points: 2 }]);
    expect(counts.recall).toEqual(counts.accuracy);
    expect(await page.locator('#chart-recall h2').textContent()).toBe('Validation recall@3'); // 5 clamped to 3 classes
    const legend = await page.locator('#chart-loss .u-legend').textContent();
    expect(legend).toContain('head');
    expect(legend).toContain('all');
    const accuracyByStep = await page.evaluate(() => (globalThis as unknown as BoardWindow).finetuneBoard!.charts.accuracy!.plot.data);
    expect(accuracyByStep[0]).toEqual([10, 20]);
    expect(accuracyByStep[2]).toEqual(records.head!.map((r) => r.accuracy));

    const newest = records.head!.at(-1)!;
    const card = page.locator('article.run[data-run="head"]');
    await expect.poll(() => card.locator('table.confusion td').count()).toBe(newest.confusion_matrix.size ** 2);
    const cells = await card.locator('table.confusion td').evaluateAll((tds) => tds.map((td) => [Number(td.getAttribute('data-true')), Number(td.getAttribute('data-pred')), Number(td.textContent)]));
    for (const [t, p, count] of cells) expect(count, `true ${t} predicted ${p}`).toBe(newest.confusion_matrix.counts[t! * newest.confusion_matrix.size + p!]);
    expect(await card.locator('table.per-class tbody tr').allTextContents()).toEqual(
      newest.per_class.map((c) => `${c.class_name}${(100 * c.precision).toFixed(1)}%${(100 * c.recall).toFixed(1)}%${c.num_examples}`),
    );
    expect(await card.locator('.summary').textContent()).toContain('step 20');

    // The tiny net nudged towards one class gets the other classes' images wrong: each is a decoded thumbnail.
    expect(newest.misclassified.length).toBeGreaterThan(0);
    expect(await card.locator('h3', { hasText: 'Misclassified' }).textContent()).toBe(`Misclassified (${newest.misclassified.length})`);
    const figures = card.locator('.misclassified figure');
    expect(await figures.count()).toBe(newest.misclassified.length);
    type Img = { complete: boolean; naturalWidth: number };
    await expect.poll(() => figures.locator('img').evaluateAll((imgs) => imgs.every((img) => (img as unknown as Img).complete && (img as unknown as Img).naturalWidth > 0))).toBe(true);
    const names = newest.per_class.map((c) => c.class_name);
    expect(await figures.locator('figcaption').allTextContents()).toEqual(
      newest.misclassified.map((m) => `${names[m.label]} \u2192 ${names[m.predicted]} (score ${m.score.toFixed(3)}, p ${m.probability.toFixed(2)})`),
    );
    expect(await page.locator('article.run[data-run="all"] .misclassified figure').count()).toBe(records.all![0]!.misclassified.length);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('board page - lines, evaluations and runs written while the page is open appear without a reload', async () => {
    const page = await browser.newPage();
    await page.goto(board.url);
    await page.waitForFunction(() => ((globalThis as unknown as BoardWindow).finetuneBoard?.updates ?? 0) > 0);
    await fixture.addSummaries('head', [22, 24]);
    records.all!.push(await fixture.addEvaluation('all', 20, 0));
    await fixture.addSummaries('deep', [3]);
    await expect
      .poll(() => chartCounts(page), { timeout: 20_000 })
      .toMatchObject({
        loss: [{ label: 'all', points: 2 }, { label: 'deep', points: 1 }, { label: 'head', points: 12 }],
        accuracy: [{ label: 'all', points: 2 }, { label: 'deep', points: 0 }, { label: 'head', points: 2 }],
      });
    await expect.poll(() => page.locator('article.run[data-run="all"] .summary').textContent()).toContain('step 20');
    await page.close();
  });
});

if (missing) describe('board page', () => it.skip(`board page - ${missing}`, () => undefined));
