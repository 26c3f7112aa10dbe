// Puts the stored evaluations back into the Prometheus series when the evaluator starts: without it a restarted
// evaluator reports nothing for the checkpoints it had already evaluated until the next one arrives.
import path from 'node:path';
import { EVAL_DIR_NAME, listEvaluationRecords } from '@finetune/engine';
import type { EvalGauges } from './eval-gauges';
import type { JobIndex } from './job-index';

/**
 * Observes the evaluated records of every job the index knows, so each job's series is its newest evaluation;
 * returns how many jobs have series. A job whose records cannot be read is reported to `warn` and skipped: the
 * series are a convenience, not a reason to refuse to start.
 */
export async function restoreGauges(jobs: JobIndex, gauges: EvalGauges, warn: (msg: string, fields: Record<string, unknown>) => void): Promise<number> {
  let restored = 0;
  for (const { jobId, trainDir } of await jobs.entries()) {
    let records;
    try {
      records = await listEvaluationRecords(path.join(trainDir, EVAL_DIR_NAME));
    } catch (error) {
      warn('stored evaluations not restored to the metrics', { jobId, trainDir, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    let observed = false;
    for (const record of records) {
      if (record.status === 'evaluated' && record.job_id === jobId && gauges.observe(record)) observed = true;
    }
    if (observed) restored += 1;
  }
  return restored;
}
