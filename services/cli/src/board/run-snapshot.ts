// What the board shows of one run, read fresh from its train dir: the summaries.jsonl curves by step, the
// validation evaluations by step, and the newest evaluation in full (per class, confusion, misclassified).
import path from 'node:path';
import { EVAL_DIR_NAME, listEvaluationRecords, readSummaries, type EvaluatedRecord } from '@finetune/engine';
import type { Run } from './log-dirs';

export interface TrainCurves {
  step: number[];
  loss: number[];
  learningRate: number[];
  imagesPerSec: number[];
}

export interface EvalCurves {
  step: number[];
  accuracy: number[];
  recallAtK: number[];
  k: number[];
}

export interface MisclassifiedImage {
  /** Position in the newest evaluation's list: what /api/thumbnail takes. */
  n: number;
  splitIndex: number;
  label: string;
  predicted: string;
  score: number;
  probability: number;
}

export interface NewestEvaluation {
  step: number;
  accuracy: number;
  recallAtK: number;
  k: number;
  numExamples: number;
  classNames: string[];
  perClass: Array<{ className: string; precision: number; recall: number; numExamples: number }>;
  /** counts[true * size + predicted]. */
  confusion: { size: number; counts: number[] };
  misclassified: MisclassifiedImage[];
}

export interface RunSnapshot {
  name: string;
  dir: string;
  train: TrainCurves;
  eval: EvalCurves;
  newest: NewestEvaluation | null;
  /** Why part of the run could not be read (a damaged record), or ''. */
  problem: string;
}

/** The run's evaluated records of the validation split, by step. */
export async function validationRecords(dir: string): Promise<EvaluatedRecord[]> {
  const records = await listEvaluationRecords(path.join(dir, EVAL_DIR_NAME));
  return records.filter((r): r is EvaluatedRecord => r.status === 'evaluated' && r.dataset_split_name === 'validation');
}

export async function readRunSnapshot(run: Run): Promise<RunSnapshot> {
  // A step run again after a restart replaces the earlier line of that step, as the newest checkpoint did.
  const byStep = new Map((await readSummaries(run.dir)).map((l) => [l.step, l]));
  const lines = [...byStep.values()].sort((a, b) => a.step - b.step);
  const train = {
    step: lines.map((l) => l.step),
    loss: lines.map((l) => l.loss),
    learningRate: lines.map((l) => l.learningRate),
    imagesPerSec: lines.map((l) => l.imagesPerSec),
  };
  let records: EvaluatedRecord[] = [];
  let problem = '';
  try {
    records = await validationRecords(run.dir);
  } catch (err) {
    problem = (err as Error).message;
  }
  const evalCurves = {
    step: records.map((r) => r.step),
    accuracy: records.map((r) => r.accuracy),
    recallAtK: records.map((r) => r.recall_at_k),
    k: records.map((r) => r.k),
  };
  const last = records.at(-1);
  return { name: run.name, dir: run.dir, train, eval: evalCurves, newest: last ? newestOf(last) : null, problem };
}

function newestOf(r: EvaluatedRecord): NewestEvaluation {
  const classNames = r.per_class.map((c) => c.class_name || String(c.label));
  const nameOf = (label: number) => classNames[label] ?? String(label);
  return {
    step: r.step,
    accuracy: r.accuracy,
    recallAtK: r.recall_at_k,
    k: r.k,
    numExamples: r.num_examples,
    classNames,
    perClass: r.per_class.map((c) => ({ className: nameOf(c.label), precision: c.precision, recall: c.recall, numExamples: c.num_examples })),
    confusion: r.confusion_matrix,
    misclassified: r.misclassified.map((m, n) => ({ n, splitIndex: m.split_index, label: nameOf(m.label), predicted: nameOf(m.predicted), score: m.score, probability: m.probability })),
  };
}
