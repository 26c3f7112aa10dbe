// The evaluator's results as it stores them beside the checkpoints: `<train_dir>/eval/step-<N>.json`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidEvaluationError } from './errors';
import type { EvaluationSummary } from './model-metadata';

export const EVAL_DIR = 'eval';
const EVAL_FILE = /^step-(\d+)\.json$/;

export interface EvaluationRecord extends EvaluationSummary {
  step: number;
  /** The checkpoint prefix evaluated. */
  checkpointPath: string;
  /** The file it was read from. */
  file: string;
}

function parseEvaluation(json: unknown, file: string): EvaluationRecord {
  const e = json as Record<string, unknown> | null;
  if (!e || typeof e !== 'object') throw new InvalidEvaluationError(file, 'is not a JSON object');
  const num = (field: string, min: number, max: number): number => {
    const v = e[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new InvalidEvaluationError(file, `field ${field} must be a number from ${min} to ${max}, not ${JSON.stringify(v)}`);
    return v;
  };
  if (typeof e.checkpoint_path !== 'string' || !e.checkpoint_path) throw new InvalidEvaluationError(file, 'field checkpoint_path must be a non-empty string');
  return {
    step: num('step', 0, Number.MAX_SAFE_INTEGER),
    accuracy: num('accuracy', 0, 1),
    recallAtK: num('recall_at_k', 0, 1),
    k: num('k', 1, Number.MAX_SAFE_INTEGER),
    loss: typeof e.loss === 'number' ? e.loss : Number.NaN,
    numExamples: typeof e.num_examples === 'number' ? e.num_examples : 0,
    checkpointPath: e.checkpoint_path,
    file,
  };
}

/** Every evaluation of a train dir, oldest step first; none when the evaluator has not run. */
export async function readEvaluations(trainDir: string): Promise<EvaluationRecord[]> {
  const dir = path.join(trainDir, EVAL_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const records: EvaluationRecord[] = [];
  for (const name of names) {
    if (!EVAL_FILE.test(name)) continue;
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (cause) {
      throw new InvalidEvaluationError(file, `cannot be read as JSON (${(cause as Error).message})`, { cause });
    }
    records.push(parseEvaluation(json, file));
  }
  return records.sort((a, b) => a.step - b.step);
}
