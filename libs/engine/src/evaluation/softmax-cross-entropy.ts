// The evaluation loss: softmax cross-entropy of logits against labels, without regularisation terms.

/**
 * Per-example -log softmax(logits)[label], computed as logsumexp(row) - row[label] with the row's
 * maximum subtracted first so large logits do not overflow; in float64 for stable sums.
 */
export function softmaxCrossEntropy(logits: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number): Float64Array {
  if (logits.length !== labels.length * numClasses) {
    throw new RangeError(`softmaxCrossEntropy: ${logits.length} logits for ${labels.length} labels of ${numClasses} classes`);
  }
  const losses = new Float64Array(labels.length);
  for (let row = 0; row < labels.length; row++) {
    const base = row * numClasses;
    let max = -Infinity;
    for (let c = 0; c < numClasses; c++) max = Math.max(max, logits[base + c]!);
    let sum = 0;
    for (let c = 0; c < numClasses; c++) sum += Math.exp(logits[base + c]! - max);
    losses[row] = max + Math.log(sum) - logits[base + labels[row]!]!;
  }
  return losses;
}
