// The evaluator's Prometheus series: the TensorBoard scalars of the reference's eval (accuracy, recall@k,
// loss) by job and step, and which compute backend runs.
import { Gauge, type Registry } from 'prom-client';
import type { EvaluatedRecord } from '@finetune/engine';

export interface EvalGauges {
  /** Sets the series of one evaluation on the validation split (other splits would overwrite it); false for others. */
  observe(record: EvaluatedRecord): boolean;
  backend(name: string): void;
}

export function createEvalGauges(registry: Registry): EvalGauges {
  const accuracy = new Gauge({
    name: 'finetune_eval_accuracy',
    help: 'Top-1 accuracy of a checkpoint on the validation split (eval/Accuracy).',
    labelNames: ['job', 'step'],
    registers: [registry],
  });
  const recall = new Gauge({
    name: 'finetune_eval_recall_at_k',
    help: 'Recall@k of a checkpoint on the validation split (eval/Recall_5).',
    labelNames: ['job', 'step', 'k'],
    registers: [registry],
  });
  const loss = new Gauge({
    name: 'finetune_eval_loss',
    help: 'Mean softmax cross-entropy of a checkpoint on the validation split.',
    labelNames: ['job', 'step'],
    registers: [registry],
  });
  const backendInfo = new Gauge({
    name: 'finetune_backend_info',
    help: 'The compute backend this process runs on (value 1).',
    labelNames: ['backend'],
    registers: [registry],
  });
  return {
    observe(record) {
      if (record.dataset_split_name !== 'validation') return false;
      const job = record.job_id || record.train_dir;
      const step = String(record.step);
      accuracy.set({ job, step }, record.accuracy);
      recall.set({ job, step, k: String(record.k) }, record.recall_at_k);
      loss.set({ job, step }, record.loss);
      return true;
    },
    backend(name) {
      backendInfo.set({ backend: name }, 1);
    },
  };
}
