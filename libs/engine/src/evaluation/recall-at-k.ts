// Recall@k, the reference's eval/Recall_5: the fraction of examples whose label is in their top k logits.
import { inTopK } from './in-top-k';

/** The reference evaluates recall@5. */
export const DEFAULT_RECALL_K = 5;

/**
 * The k recall@k can use: the requested one, at most the number of classes (recall@5 of a 3-class
 * model is recall@3, which is 1), at least 1.
 */
export function clampK(k: number, numClasses: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`recall k must be a whole number of at least 1, not ${k}`);
  return Math.min(k, numClasses);
}

/** Recall@k over `labels.length` examples of `logits` ([count, numClasses], row-major); 0 for no examples. */
export function recallAtK(logits: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number, k: number): number {
  if (logits.length !== labels.length * numClasses) {
    throw new RangeError(`recallAtK: ${logits.length} logits for ${labels.length} labels of ${numClasses} classes`);
  }
  if (labels.length === 0) return 0;
  const hits = inTopK(logits, labels, numClasses, clampK(k, numClasses));
  let sum = 0;
  for (const h of hits) sum += h;
  return sum / labels.length;
}
