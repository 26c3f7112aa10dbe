// Precision and recall of every class, read off the confusion matrix.
import type { ConfusionMatrix } from './confusion-matrix';

export interface ClassMetrics {
  /** Index into the dataset's classes. */
  label: number;
  /** Line `label` of label.txt; empty when not known. */
  className: string;
  /** Of the examples predicted as this class, the fraction that are; 0 if none were predicted. */
  precision: number;
  /** Of the examples of this class, the fraction predicted as it; 0 if there are none. */
  recall: number;
  /** Examples of this class evaluated. */
  numExamples: number;
}

export function perClassMetrics(matrix: ConfusionMatrix, classNames: readonly string[] = []): ClassMetrics[] {
  const { size, counts } = matrix;
  const result: ClassMetrics[] = [];
  for (let c = 0; c < size; c++) {
    let actual = 0;
    let predicted = 0;
    for (let j = 0; j < size; j++) {
      actual += counts[c * size + j]!;
      predicted += counts[j * size + c]!;
    }
    const correct = counts[c * size + c]!;
    result.push({
      label: c,
      className: classNames[c] ?? '',
      precision: predicted ? correct / predicted : 0,
      recall: actual ? correct / actual : 0,
      numExamples: actual,
    });
  }
  return result;
}
