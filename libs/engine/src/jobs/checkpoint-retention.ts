// --keep_checkpoint_max keeps the newest N checkpoints; this adds the best by evaluation (the accuracy the evaluator
// recorded in <train_dir>/eval, the split the exporter ranks), so later, worse checkpoints never push it out.
import { join } from 'node:path';
import { listCheckpoints } from '@finetune/checkpoint';
import { DEFAULT_EVAL_SPLIT } from '../evaluation/evaluate-options';
import { InvalidEvaluationRecordError } from '../evaluation/evaluation-errors';
import { EVAL_DIR_NAME, listEvaluationRecords, type EvaluationRecord } from '../evaluation/evaluation-record';
import type { JobLog } from './run-training-job';

/** The evaluated step with the highest validation accuracy, the newer on a tie (as `finetune export --best` picks). */
export function bestEvaluatedStep(records: readonly EvaluationRecord[]): number | undefined {
  let best: { step: number; accuracy: number } | undefined;
  for (const r of records) {
    if (r.status !== 'evaluated' || r.dataset_split_name !== DEFAULT_EVAL_SPLIT) continue;
    if (!best || r.accuracy > best.accuracy || (r.accuracy === best.accuracy && r.step > best.step)) best = { step: r.step, accuracy: r.accuracy };
  }
  return best?.step;
}

/**
 * Steps a save must not prune beyond the newest N: the best evaluated one. An unreadable record could hide the
 * best, so then nothing is pruned, with a warning naming the file, until it is fixed or removed.
 */
export async function pinnedCheckpointSteps(trainDir: string, log: JobLog): Promise<number[]> {
  try {
    const best = bestEvaluatedStep(await listEvaluationRecords(join(trainDir, EVAL_DIR_NAME)));
    return best === undefined ? [] : [best];
  } catch (err) {
    if (!(err instanceof InvalidEvaluationRecordError)) throw err;
    log.warn(`${err.message}; no checkpoint is pruned until it is fixed or removed`);
    return (await listCheckpoints(trainDir)).flatMap((r) => (r.step === undefined ? [] : [r.step]));
  }
}
