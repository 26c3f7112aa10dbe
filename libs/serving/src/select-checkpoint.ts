// Chooses the checkpoint to export from a train dir: the newest, one step, or the best by evaluation accuracy.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { indexPath, listCheckpoints, readCheckpointMeta, type CheckpointRef } from '@finetune/checkpoint';
import { EVAL_DIR_NAME, listEvaluationRecords, readEvaluationRecord, type EvaluatedRecord } from '@finetune/engine';
import { CheckpointNotFoundError, NoEvaluationsError } from './errors';

export type CheckpointSelection =
  | { kind: 'newest' }
  | { kind: 'step'; step: number }
  /** The evaluated checkpoint with the highest accuracy, the newer one on a tie. */
  | { kind: 'best-accuracy' }
  /** A prefix given directly (`--checkpoint_path`). */
  | { kind: 'path'; path: string };

export interface SelectedCheckpoint {
  prefix: string;
  step: number;
  /** ISO 8601: when the checkpoint was written (its sidecar, or its index file's time). */
  savedAt: string;
  /** The evaluation of that step on the validation split, when it was evaluated (not skipped). */
  evaluation?: EvaluatedRecord;
}

async function savedAt(prefix: string): Promise<string> {
  const meta = await readCheckpointMeta(prefix).catch(() => undefined);
  if (meta?.createdAt) return meta.createdAt;
  const s = await stat(indexPath(prefix)).catch(() => undefined);
  return (s?.mtime ?? new Date(0)).toISOString();
}

function describeSteps(refs: CheckpointRef[]): string {
  return refs.length ? refs.map((r) => r.step ?? path.basename(r.prefix)).join(', ') : 'none';
}

/** The engine's records of the validation split that hold metrics; a skipped checkpoint has none to rank. */
export async function evaluatedRecords(trainDir: string): Promise<EvaluatedRecord[]> {
  const records = await listEvaluationRecords(path.join(trainDir, EVAL_DIR_NAME));
  return records.filter((r): r is EvaluatedRecord => r.status === 'evaluated' && r.dataset_split_name === 'validation');
}

async function select(trainDir: string, selection: CheckpointSelection): Promise<{ prefix: string; step: number; evaluation?: EvaluatedRecord }> {
  if (selection.kind === 'path') {
    const prefix = selection.path.replace(/\.(index|meta\.json)$/, '');
    if (!(await stat(indexPath(prefix)).catch(() => undefined))) throw new CheckpointNotFoundError(selection.path, `no checkpoint: ${indexPath(prefix)} does not exist`);
    const meta = await readCheckpointMeta(prefix).catch(() => undefined);
    return { prefix, step: meta?.step ?? Number(/-(\d+)$/.exec(prefix)?.[1] ?? 0) };
  }
  const refs = await listCheckpoints(trainDir);
  if (selection.kind === 'newest') {
    const newest = refs.at(-1);
    if (!newest) throw new CheckpointNotFoundError(trainDir, 'holds no complete checkpoint yet: train first, or name one with --checkpoint_path');
    return { prefix: newest.prefix, step: newest.step ?? 0 };
  }
  if (selection.kind === 'step') {
    const found = refs.find((r) => r.step === selection.step);
    if (!found) throw new CheckpointNotFoundError(trainDir, `has no checkpoint at step ${selection.step}; steps present: ${describeSteps(refs)}`);
    return { prefix: found.prefix, step: selection.step };
  }
  const evaluations = await evaluatedRecords(trainDir);
  if (evaluations.length === 0) throw new NoEvaluationsError(path.join(trainDir, EVAL_DIR_NAME));
  // Only the newest checkpoints are kept: the best one may have been pruned, so take the best that still exists.
  const ranked = rankByAccuracy(evaluations);
  for (const e of ranked) {
    const ref = refs.find((r) => r.step === e.step);
    if (ref) return { prefix: ref.prefix, step: e.step, evaluation: e };
  }
  throw new CheckpointNotFoundError(trainDir, `none of the evaluated checkpoints (steps ${ranked.map((e) => e.step).join(', ')}) is still on disk; steps present: ${describeSteps(refs)}`);
}

/** Best first: highest accuracy, the later step on a tie. */
export function rankByAccuracy<E extends { accuracy: number; step: number }>(evaluations: readonly E[]): E[] {
  return [...evaluations].sort((a, b) => b.accuracy - a.accuracy || b.step - a.step);
}

export async function selectCheckpoint(trainDir: string, selection: CheckpointSelection): Promise<SelectedCheckpoint> {
  const { prefix, step, evaluation: ranked } = await select(trainDir, selection);
  // Only this step's record is read: another checkpoint's record, skipped or not, has no say in this export.
  const stored = ranked ?? (trainDir ? await readEvaluationRecord(path.join(trainDir, EVAL_DIR_NAME), step) : undefined);
  const evaluation = stored?.status === 'evaluated' ? stored : undefined;
  return { prefix, step, savedAt: await savedAt(prefix), ...(evaluation ? { evaluation } : {}) };
}
