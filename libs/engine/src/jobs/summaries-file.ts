// `<train_dir>/summaries.jsonl`: the reference's TensorBoard scalars, one JSON line every --log_every_n_steps,
// appended at the first line, then every --save_summaries_secs (the reference's summary interval), and at the end.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SUMMARIES_FILE = 'summaries.jsonl';

export interface TrainingSummary {
  step: number;
  /** total_loss, as the reference's `losses/total_loss` summary. */
  loss: number;
  crossEntropy: number;
  regularization: number;
  learningRate: number;
  /** Over the steps since the previous line. */
  imagesPerSec: number;
  /** Share of wall-clock time spent waiting for input since the previous line, in [0, 1]. */
  inputWaitRatio: number;
}

/** A line as stored: the summary and when it was taken (ISO 8601). */
export interface SummaryLine extends TrainingSummary {
  time: string;
}

/** Buffers a job's lines and appends them when due; a crash loses at most one interval, as TensorBoard's writer. */
export class SummaryWriter {
  private pending: string[] = [];
  private lastFlush = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly trainDir: string,
    private readonly flushSecs: number,
    private readonly clock: () => number = () => performance.now() / 1000,
  ) {}

  /** Queues one line and appends the queue when flushSecs have passed since the last append (at once for the first). */
  async add(summary: TrainingSummary, now = new Date()): Promise<void> {
    this.pending.push(JSON.stringify({ time: now.toISOString(), ...summary }));
    if (this.clock() - this.lastFlush >= this.flushSecs) await this.flush();
  }

  /** Appends what is queued; a crash can cut only the last line short, which readSummaries skips. */
  async flush(): Promise<void> {
    this.lastFlush = this.clock();
    if (this.pending.length === 0) return;
    const text = this.pending.map((line) => `${line}\n`).join('');
    this.pending = [];
    await appendFile(join(this.trainDir, SUMMARIES_FILE), text);
  }
}

/** The train dir's lines in file order; a missing file is none, and a line that is not a summary is skipped. */
export async function readSummaries(trainDir: string): Promise<SummaryLine[]> {
  let text: string;
  try {
    text = await readFile(join(trainDir, SUMMARIES_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const lines: SummaryLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: Partial<SummaryLine>;
    try {
      line = JSON.parse(raw) as Partial<SummaryLine>;
    } catch {
      continue; // the tail of a write a crash cut short
    }
    if (Number.isSafeInteger(line.step) && typeof line.loss === 'number' && typeof line.learningRate === 'number') lines.push(line as SummaryLine);
  }
  return lines;
}
