// A batch's mean from its shares' means: what the workers computed on their slices, weighted by slice size.
import type { BatchShare } from './batch-shares';
import type { TrainStepReply } from './worker-protocol';

/** The whole batch's gradients, batch-norm statistics and losses, as one session computes them on the batch. */
export interface CombinedShares {
  gradients: Float32Array[];
  statistics: Float32Array[];
  crossEntropy: number;
  auxLoss: number;
}

/**
 * Sums the shares' mean gradients weighted by share size (the full batch's mean). Moving averages become the
 * share-weighted mean of each share's update: exact for the means; for the variances it leaves out the spread
 * between the shares' means (negligible at batch sizes of 8 and more).
 */
export function combineShares(shares: readonly BatchShare[], replies: readonly TrainStepReply[], count: number): CombinedShares {
  const fractions = shares.map((s) => s.count / count);
  return {
    gradients: weightedSum(replies.map((r) => r.gradients), fractions),
    statistics: weightedSum(replies.map((r) => r.statistics), fractions),
    crossEntropy: replies.reduce((s, r, i) => s + r.crossEntropy * fractions[i]!, 0),
    auxLoss: replies.reduce((s, r, i) => s + r.auxLoss * fractions[i]!, 0),
  };
}

/** Σ_i fractions[i] * parts[i][j], per j. */
function weightedSum(parts: readonly Float32Array[][], fractions: readonly number[]): Float32Array[] {
  const first = parts[0] ?? [];
  return first.map((_, j) => {
    const out = new Float32Array(first[j]!.length);
    parts.forEach((arrays, i) => {
      const a = arrays[j]!;
      const f = fractions[i]!;
      for (let k = 0; k < out.length; k++) out[k]! += f * a[k]!;
    });
    return out;
  });
}
