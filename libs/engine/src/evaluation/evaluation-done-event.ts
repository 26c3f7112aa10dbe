// The evaluation.done event of a stored evaluation: one builder for the evaluator service and `finetune eval`.
import { toTimestamp, type eventsV1 } from '@finetune/contracts';
import type { EvaluatedRecord } from './evaluation-record';

export function evaluationDoneEvent(record: EvaluatedRecord): eventsV1.EvaluationDone {
  return {
    evaluation_id: record.evaluation_id,
    job_id: record.job_id,
    train_dir: record.train_dir,
    checkpoint_path: record.checkpoint_path,
    step: record.step,
    model_name: record.model_name,
    dataset_dir: record.dataset_dir,
    dataset_split_name: record.dataset_split_name,
    metrics: { accuracy: record.accuracy, recall_at_k: record.recall_at_k, k: record.k, loss: record.loss, num_examples: record.num_examples },
    evaluated_at: toTimestamp(record.evaluated_at),
  };
}

/** The same stored result always has the same id, so announcing it twice stores one event. */
export function evaluationDoneEventId(record: EvaluatedRecord): string {
  return `${record.evaluation_id}:${record.evaluated_at}`;
}
