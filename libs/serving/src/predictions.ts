// Logits to the top-k labels with their scores and softmax probabilities, and the reference's printout.
import { InvalidRequestError } from './errors';

/** `top_k` of 0 means this, as the reference's --num_top_predictions default. */
export const DEFAULT_TOP_K = 5;

export interface Prediction {
  label: string;
  labelIndex: number;
  /** The raw logit; what the reference printed as `score`. */
  score: number;
  /** Softmax over all classes. */
  probability: number;
}

/** 0 means 5; more than the classes is clamped to them; negative is an InvalidRequestError naming `field`. */
export function resolveTopK(topK: number, numClasses: number, field = 'top_k'): number {
  if (!Number.isInteger(topK) || topK < 0) throw new InvalidRequestError(field, `must be a whole number from 0 (meaning ${DEFAULT_TOP_K}) up, not ${topK}`);
  return Math.min(topK || DEFAULT_TOP_K, numClasses);
}

/** The k highest logits, best first (the lower index first on a tie), with their softmax probabilities. */
export function topPredictions(logits: Float32Array, labels: readonly string[], k: number): Prediction[] {
  let max = -Infinity;
  for (const v of logits) if (v > max) max = v;
  // Shifted by the maximum, so exp cannot overflow for large logits.
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  const order = Array.from(logits.keys()).sort((a, b) => logits[b]! - logits[a]! || a - b);
  return order.slice(0, k).map((i) => ({
    label: labels[i] ?? String(i),
    labelIndex: i,
    score: logits[i]!,
    probability: Math.exp(logits[i]! - max) / sum,
  }));
}

/** One line as classify_image.py printed it: `water (score = 5.46853)`. */
export function formatPrediction(p: Pick<Prediction, 'label' | 'score'>): string {
  return `${p.label} (score = ${p.score.toFixed(5)})`;
}
