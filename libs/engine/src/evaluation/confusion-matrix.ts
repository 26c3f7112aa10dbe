// Counts of true label against top-1 prediction, laid out as the contract's ConfusionMatrix message.

export interface ConfusionMatrix {
  /** Number of classes; the matrix is size x size. */
  size: number;
  /** Row-major: counts[trueLabel * size + predictedLabel]. */
  counts: number[];
}

export function emptyConfusionMatrix(size: number): ConfusionMatrix {
  return { size, counts: new Array<number>(size * size).fill(0) };
}

/** Adds one batch to `matrix` in place; a label or prediction outside [0, size) is a RangeError. */
export function addToConfusionMatrix(matrix: ConfusionMatrix, labels: ArrayLike<number>, predictions: ArrayLike<number>): void {
  const { size } = matrix;
  if (labels.length !== predictions.length) throw new RangeError(`confusion matrix: ${predictions.length} predictions for ${labels.length} labels`);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predictions[i]!;
    if (!(t >= 0 && t < size && p >= 0 && p < size)) throw new RangeError(`confusion matrix: label ${t} or prediction ${p} is not a class in [0, ${size})`);
    matrix.counts[t * size + p]! += 1;
  }
}

export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, size: number): ConfusionMatrix {
  const matrix = emptyConfusionMatrix(size);
  addToConfusionMatrix(matrix, labels, predictions);
  return matrix;
}
