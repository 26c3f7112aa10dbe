// `<train_dir>/summaries.jsonl`: what the reference wrote to TensorBoard every --save_summaries_secs, one JSON line each.
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SUMMARIES_FILE = 'summaries.jsonl';

export interface TrainingSummary {
  step: number;
  /** total_loss, as the reference's `losses/total_loss` summary. */
  loss: number;
  crossEntropy: number;
  regularization: number;
  learningRate: number;
  imagesPerSec: number;
  /** Share of wall-clock time spent waiting for input since the previous summary, in [0, 1]. */
  inputWaitRatio: number;
}

/** Appends one line; a crash can cut only the last line short, which readers skip. */
export async function appendSummary(trainDir: string, summary: TrainingSummary, now = new Date()): Promise<void> {
  await appendFile(join(trainDir, SUMMARIES_FILE), JSON.stringify({ time: now.toISOString(), ...summary }) + '\n');
}
