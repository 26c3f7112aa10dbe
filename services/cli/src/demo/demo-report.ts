// When the demo has seen every evaluation of its job, and the table of them it ends with.

/** The fields of an evaluatorV1.Evaluation the report shows. */
interface Evaluation {
  step: string | number;
  metrics: { accuracy: number; recall_at_k: number; k: number } | null;
  skip_reason: string;
  dataset_split_name: string;
}

/**
 * Steps still without a record (evaluated or skipped). checkpoint.saved events arrive in the order they were
 * published, so until the job's final step has been seen, earlier checkpoints may still be on their way.
 */
export function stepsToWaitFor(saved: ReadonlySet<number>, finalStep: number, recorded: ReadonlySet<number>): number[] {
  const pending = new Set([...saved].filter((s) => !recorded.has(s)));
  if (!saved.has(finalStep) || !recorded.has(finalStep)) pending.add(finalStep);
  return [...pending].sort((a, b) => a - b);
}

/** One row per checkpoint of the validation split, oldest first: accuracy and recall@k, or why it was skipped. */
export function reportLines(evaluations: readonly Evaluation[]): string[] {
  const rows = evaluations.filter((e) => !e.dataset_split_name || e.dataset_split_name === 'validation').sort((a, b) => Number(a.step) - Number(b.step));
  const k = rows.find((e) => e.metrics)?.metrics?.k ?? 5;
  return [
    `step    accuracy  recall@${k}${k < 5 ? ' (recall@5 clamped to the class count)' : ''}`,
    ...rows.map((e) => {
      const m = e.metrics;
      return `${String(e.step).padEnd(7)} ${m ? m.accuracy.toFixed(3).padEnd(9) : 'skipped  '} ${m ? m.recall_at_k.toFixed(3) : e.skip_reason}`;
    }),
  ];
}
