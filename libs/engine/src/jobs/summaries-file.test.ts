// summaries.jsonl: a line per log step, appended when --save_summaries_secs says, read back whole.
import { mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSummaries, SUMMARIES_FILE, SummaryWriter, type TrainingSummary } from './summaries-file';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const summary = (step: number): TrainingSummary => ({ step, loss: 2 / step, crossEntropy: 1.5 / step, regularization: 0.5 / step, learningRate: 0.01, imagesPerSec: 40, inputWaitRatio: 0.1 });

describe('summaries file', () => {
  it('summaries file - the first line is appended at once, later ones every flush interval, the rest on flush', async () => {
    const trainDir = await mkdtemp(join(os.tmpdir(), 'summaries-'));
    dirs.push(trainDir);
    let now = 0;
    const writer = new SummaryWriter(trainDir, 60, () => now);
    await writer.add(summary(10));
    expect((await readSummaries(trainDir)).map((l) => l.step)).toEqual([10]);
    now = 30;
    await writer.add(summary(20));
    expect((await readSummaries(trainDir)).map((l) => l.step)).toEqual([10]);
    now = 61;
    await writer.add(summary(30));
    expect((await readSummaries(trainDir)).map((l) => l.step)).toEqual([10, 20, 30]);
    now = 62;
    await writer.add(summary(40));
    await writer.flush();
    const lines = await readSummaries(trainDir);
    expect(lines.map((l) => l.step)).toEqual([10, 20, 30, 40]);
    expect(lines[3]).toMatchObject({ ...summary(40), time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it('summaries file - a missing file reads as no lines; a line cut short by a crash is skipped', async () => {
    const trainDir = await mkdtemp(join(os.tmpdir(), 'summaries-'));
    dirs.push(trainDir);
    expect(await readSummaries(trainDir)).toEqual([]);
    await writeFile(join(trainDir, SUMMARIES_FILE), `${JSON.stringify({ time: 't', ...summary(1) })}\n{"step":2,"lo`);
    await appendFile(join(trainDir, SUMMARIES_FILE), `\n${JSON.stringify({ time: 't', ...summary(3) })}\n{"note":"not a summary"}\n`);
    expect((await readSummaries(trainDir)).map((l) => l.step)).toEqual([1, 3]);
  });
});
