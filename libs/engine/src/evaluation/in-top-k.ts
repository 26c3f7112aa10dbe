// Whether each example's true label is among its k highest logits, with tf.nn.in_top_k's rule for ties.

/**
 * 1 where the label's logit has fewer than `k` logits strictly above it, else 0: classes tied with the
 * label at the top-k boundary all count as inside, as tf.nn.in_top_k (the reference's recall@k) does.
 * A non-finite logit for the label is never inside.
 */
export function inTopK(logits: ArrayLike<number>, labels: ArrayLike<number>, numClasses: number, k: number): Uint8Array {
  const hits = new Uint8Array(labels.length);
  for (let row = 0; row < labels.length; row++) {
    const base = row * numClasses;
    const target = logits[base + labels[row]!]!;
    if (!Number.isFinite(target)) continue;
    let above = 0;
    for (let c = 0; c < numClasses && above < k; c++) if (logits[base + c]! > target) above++;
    if (above < k) hits[row] = 1;
  }
  return hits;
}
