// Top-1 predictions of a batch of logits, as the reference's tf.argmax(logits, 1).

/**
 * Index of the largest logit of each row of `logits` ([count, numClasses], row-major). A tie goes to
 * the smallest index, as tf.argmax; NaN never wins, so a row of NaN predicts class 0.
 */
export function top1(logits: ArrayLike<number>, numClasses: number): Int32Array {
  const count = Math.floor(logits.length / numClasses);
  const predictions = new Int32Array(count);
  for (let row = 0; row < count; row++) {
    const base = row * numClasses;
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < numClasses; c++) {
      const v = logits[base + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    predictions[row] = best;
  }
  return predictions;
}
