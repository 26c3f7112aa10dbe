// A stored evaluation record as the contract's Evaluation message.
import { toTimestamp, type evaluatorV1 } from '@finetune/contracts';
import type { EvaluationRecord } from '@finetune/engine';

/** `fresh` false (or a skipped record) answers SKIPPED with `skipReason`. */
export function evaluationMessage(record: EvaluationRecord, fresh: boolean, skipReason: string): evaluatorV1.Evaluation {
  const skipped = !fresh || record.status === 'skipped';
  return {
    evaluation_id: record.evaluation_id,
    job_id: record.job_id,
    train_dir: record.train_dir,
    checkpoint_path: record.checkpoint_path,
    step: String(record.step),
    model_name: record.model_name,
    dataset_dir: record.dataset_dir,
    dataset_split_name: record.dataset_split_name,
    status: skipped ? 'EVALUATION_STATUS_SKIPPED' : 'EVALUATION_STATUS_EVALUATED',
    skip_reason: skipped ? skipReason || record.reason : '',
    metrics:
      record.status === 'evaluated'
        ? { accuracy: record.accuracy, recall_at_k: record.recall_at_k, k: record.k, loss: record.loss, num_examples: record.num_examples }
        : null,
    per_class: record.per_class.map((c) => ({ label: c.label, class_name: c.class_name, precision: c.precision, recall: c.recall, num_examples: c.num_examples })),
    confusion_matrix: record.confusion_matrix,
    evaluated_at: toTimestamp(record.evaluated_at),
    duration_secs: record.duration_secs,
    ...(record.status === 'evaluated' && record.moving_average_decay !== undefined && { moving_average_decay: record.moving_average_decay }),
  };
}
