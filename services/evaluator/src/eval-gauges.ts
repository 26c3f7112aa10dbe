// The evaluator's Prometheus series: the TensorBoard scalars of the reference's eval (accuracy, recall@k, loss)
// of each job's newest evaluated checkpoint, and which compute backend runs. One series per job, not per step:
// the history by step is in the eval records and on `finetune board`.
import { Gauge, type Registry } from 'prom-client';
import type { EvaluatedRecord } from '@finetune/engine';

export interface EvalGauges {
  /**
   * Sets the job's series from one evaluation on the validation split when its step is the newest the job has
   * had (other splits would overwrite it, and an old checkpoint evaluated late is not the latest); false otherwise.
   */
  observe(record: EvaluatedRecord): boolean;
  backend(name: string): void;
}

export function createEvalGauges(registry: Registry): EvalGauges {
  const gauge = (name: string, help: string, labelNames: string[] = ['job_id']) => new Gauge({ name, help, labelNames, registers: [registry] });
  const accuracy = gauge('finetune_eval_accuracy', "Top-1 accuracy of the job's newest evaluated checkpoint on the validation split (eval/Accuracy).");
  const recall = gauge('finetune_eval_recall_at_k', "Recall@k of the job's newest evaluated checkpoint on the validation split (eval/Recall_5); k is clamped to the class count.", ['job_id', 'k']);
  const loss = gauge('finetune_eval_loss', "Mean softmax cross-entropy of the job's newest evaluated checkpoint on the validation split.");
  const step = gauge('finetune_eval_step', 'Global step of the checkpoint the finetune_eval_ series describe.');
  const backendInfo = gauge('finetune_backend_info', 'The compute backend this process runs on (value 1).', ['backend']);
  const newest = new Map<string, { step: number; k: number }>();
  return {
    observe(record) {
      if (record.dataset_split_name !== 'validation') return false;
      const job_id = record.job_id || record.train_dir;
      const before = newest.get(job_id);
      if (before && record.step < before.step) return false;
      if (before && before.k !== record.k) recall.remove({ job_id, k: String(before.k) });
      newest.set(job_id, { step: record.step, k: record.k });
      accuracy.set({ job_id }, record.accuracy);
      recall.set({ job_id, k: String(record.k) }, record.recall_at_k);
      loss.set({ job_id }, record.loss);
      step.set({ job_id }, record.step);
      return true;
    },
    backend(name) {
      backendInfo.set({ backend: name }, 1);
    },
  };
}
