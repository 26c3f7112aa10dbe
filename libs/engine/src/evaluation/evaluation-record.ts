// The stored result of one evaluation, `<eval_dir>/step-<N>.json`: what ListEvaluations returns and what
// the exporter reads to choose the best checkpoint. Field names are part of that contract; keep them.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SplitName } from '@finetune/datasets';
import { writeFileAtomic } from '@finetune/runtime/atomic-write';
import type { CheckpointEvaluation } from './evaluate-checkpoint';
import { DEFAULT_EVAL_SPLIT } from './evaluate-options';
import { InvalidEvaluationRecordError } from './evaluation-errors';

export const EVALUATION_RECORD_FORMAT = 'finetune.evaluation/v1';
/** Results live in `<train_dir>/eval`, beside the checkpoints they describe. */
export const EVAL_DIR_NAME = 'eval';

export interface ClassMetricsRecord {
  label: number;
  class_name: string;
  precision: number;
  recall: number;
  num_examples: number;
}

/** A validation image the checkpoint got wrong: where it is in the dataset, its label, what was predicted. */
export interface MisclassifiedRecord {
  /** Position in the split, in evaluation order. */
  split_index: number;
  /** Shard file in the dataset dir and the record's index in it: enough to decode the image again. */
  shard: string;
  record: number;
  label: number;
  predicted: number;
  /** Logit of the predicted class (classify's score). */
  score: number;
  /** Softmax probability of the predicted class. */
  probability: number;
}

interface RecordBase {
  format: typeof EVALUATION_RECORD_FORMAT;
  /** `<job or train dir>@<step>/<split>`: the same for every attempt at one checkpoint and split. */
  evaluation_id: string;
  step: number;
  /** Training job that saved the checkpoint; empty when not known (e.g. `finetune eval`). */
  job_id: string;
  train_dir: string;
  checkpoint_path: string;
  model_name: string;
  dataset_dir: string;
  dataset_split_name: SplitName;
  /** ISO 8601. */
  evaluated_at: string;
}

export interface EvaluatedRecord extends RecordBase {
  status: 'evaluated';
  reason: '';
  accuracy: number;
  recall_at_k: number;
  k: number;
  loss: number;
  num_examples: number;
  per_class: ClassMetricsRecord[];
  /** counts[true * size + predicted]. */
  confusion_matrix: { size: number; counts: number[] };
  /** The first MAX_MISCLASSIFIED wrong predictions in split order; [] in records written before it existed. */
  misclassified: MisclassifiedRecord[];
  duration_secs: number;
  /** --moving_average_decay when the checkpoint's moving averages were evaluated; absent: its variables. */
  moving_average_decay?: number;
}

/** A checkpoint that could not be evaluated and will not be retried, e.g. pruned before its turn came. */
export interface SkippedRecord extends RecordBase {
  status: 'skipped';
  reason: string;
  accuracy: null;
  recall_at_k: null;
  k: null;
  loss: null;
  num_examples: 0;
  per_class: [];
  confusion_matrix: null;
  misclassified: [];
  duration_secs: 0;
}

export type EvaluationRecord = EvaluatedRecord | SkippedRecord;

/** Who the checkpoint belongs to; not something the checkpoint itself knows. */
export interface RecordOwner {
  jobId: string;
  trainDir: string;
}

export function evaluationId(owner: RecordOwner, step: number, split: SplitName): string {
  return `${owner.jobId || owner.trainDir}@${step}/${split}`;
}

/** `step-<N>.json` for the validation split (what the exporter ranks), `step-<N>.<split>.json` for others. */
export function evaluationRecordPath(evalDir: string, step: number, split: SplitName = DEFAULT_EVAL_SPLIT): string {
  return path.join(evalDir, split === DEFAULT_EVAL_SPLIT ? `step-${step}.json` : `step-${step}.${split}.json`);
}

const RECORD_FILE = /^step-(\d+)(?:\.(train|validation))?\.json$/;

export function evaluatedRecord(evaluation: CheckpointEvaluation, owner: RecordOwner, evaluatedAt = new Date()): EvaluatedRecord {
  const m = evaluation.metrics;
  return {
    format: EVALUATION_RECORD_FORMAT,
    evaluation_id: evaluationId(owner, evaluation.step, evaluation.split),
    step: evaluation.step,
    job_id: owner.jobId,
    train_dir: owner.trainDir,
    checkpoint_path: evaluation.checkpointPath,
    model_name: evaluation.modelName,
    dataset_dir: evaluation.datasetDir,
    dataset_split_name: evaluation.split,
    evaluated_at: evaluatedAt.toISOString(),
    status: 'evaluated',
    reason: '',
    accuracy: m.accuracy,
    recall_at_k: m.recallAtK,
    k: m.k,
    loss: m.loss,
    num_examples: m.numExamples,
    per_class: m.perClass.map((c) => ({ label: c.label, class_name: c.className, precision: c.precision, recall: c.recall, num_examples: c.numExamples })),
    confusion_matrix: { size: m.confusionMatrix.size, counts: [...m.confusionMatrix.counts] },
    misclassified: m.misclassified.map((x) => {
      // Pipeline ids are `<shard>:<record>`; a shard name has no colon of its own (shardFileName).
      const at = x.id.lastIndexOf(':');
      return { split_index: x.splitIndex, shard: x.id.slice(0, at), record: Number(x.id.slice(at + 1)), label: x.label, predicted: x.predicted, score: x.score, probability: x.probability };
    }),
    duration_secs: evaluation.durationSecs,
    ...(evaluation.movingAverageDecay !== undefined && { moving_average_decay: evaluation.movingAverageDecay }),
  };
}

export function skippedRecord(
  skipped: { step: number; checkpointPath: string; modelName: string; datasetDir: string; split: SplitName; reason: string },
  owner: RecordOwner,
  evaluatedAt = new Date(),
): SkippedRecord {
  return {
    format: EVALUATION_RECORD_FORMAT,
    evaluation_id: evaluationId(owner, skipped.step, skipped.split),
    step: skipped.step,
    job_id: owner.jobId,
    train_dir: owner.trainDir,
    checkpoint_path: skipped.checkpointPath,
    model_name: skipped.modelName,
    dataset_dir: skipped.datasetDir,
    dataset_split_name: skipped.split,
    evaluated_at: evaluatedAt.toISOString(),
    status: 'skipped',
    reason: skipped.reason,
    accuracy: null,
    recall_at_k: null,
    k: null,
    loss: null,
    num_examples: 0,
    per_class: [],
    confusion_matrix: null,
    misclassified: [],
    duration_secs: 0,
  };
}

/** Writes the record atomically (a reader sees the old file or the new one); returns its path. */
export async function writeEvaluationRecord(evalDir: string, record: EvaluationRecord): Promise<string> {
  await mkdir(evalDir, { recursive: true });
  const file = evaluationRecordPath(evalDir, record.step, record.dataset_split_name);
  await writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** The stored record of one step and split, or undefined when there is none. */
export async function readEvaluationRecord(evalDir: string, step: number, split: SplitName = DEFAULT_EVAL_SPLIT): Promise<EvaluationRecord | undefined> {
  const file = evaluationRecordPath(evalDir, step, split);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseEvaluationRecord(text, file);
}

/** Every record in `evalDir`, by step then split; a missing folder is an empty list. */
export async function listEvaluationRecords(evalDir: string): Promise<EvaluationRecord[]> {
  const names = await readdir(evalDir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  const found = names
    .map((name) => ({ name, match: RECORD_FILE.exec(name) }))
    .filter((f) => f.match)
    .map((f) => ({ name: f.name, step: Number(f.match![1]), split: f.match![2] ?? DEFAULT_EVAL_SPLIT }))
    .sort((a, b) => a.step - b.step || a.split.localeCompare(b.split));
  const records: EvaluationRecord[] = [];
  for (const f of found) {
    const file = path.join(evalDir, f.name);
    records.push(parseEvaluationRecord(await readFile(file, 'utf8'), file));
  }
  return records;
}

export function parseEvaluationRecord(text: string, file: string): EvaluationRecord {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new InvalidEvaluationRecordError(file, '', `is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof json !== 'object' || json === null) throw new InvalidEvaluationRecordError(file, '', 'is not a JSON object');
  if (json.format !== EVALUATION_RECORD_FORMAT) throw new InvalidEvaluationRecordError(file, 'format', `must be ${EVALUATION_RECORD_FORMAT}`);
  if (!Number.isSafeInteger(json.step) || (json.step as number) < 0) throw new InvalidEvaluationRecordError(file, 'step', 'must be a non-negative integer');
  if (json.status !== 'evaluated' && json.status !== 'skipped') throw new InvalidEvaluationRecordError(file, 'status', "must be 'evaluated' or 'skipped'");
  for (const field of ['job_id', 'checkpoint_path', 'evaluated_at', 'reason']) {
    if (typeof json[field] !== 'string') throw new InvalidEvaluationRecordError(file, field, 'must be a string');
  }
  if (json.status === 'evaluated') {
    for (const field of ['accuracy', 'recall_at_k', 'k', 'loss', 'num_examples']) {
      if (typeof json[field] !== 'number') throw new InvalidEvaluationRecordError(file, field, 'must be a number');
    }
    if (!Array.isArray(json.per_class)) throw new InvalidEvaluationRecordError(file, 'per_class', 'must be an array');
  }
  if (json.misclassified === undefined) json.misclassified = [];
  if (!Array.isArray(json.misclassified)) throw new InvalidEvaluationRecordError(file, 'misclassified', 'must be an array');
  return json as unknown as EvaluationRecord;
}
