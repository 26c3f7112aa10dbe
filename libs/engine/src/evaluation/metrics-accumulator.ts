// Accumulates metrics batch by batch, keeping counts only (never the logits), so a split of any size fits.
import { addToConfusionMatrix, emptyConfusionMatrix, type ConfusionMatrix } from './confusion-matrix';
import { inTopK } from './in-top-k';
import { MisclassifiedCollector, type MisclassifiedExample } from './misclassified';
import { perClassMetrics, type ClassMetrics } from './per-class-metrics';
import { clampK } from './recall-at-k';
import { softmaxCrossEntropy } from './softmax-cross-entropy';
import { top1 } from './top-1';

/** Everything one evaluation measures. */
export interface EvaluationMetrics {
  /** Top-1 accuracy in [0, 1]. */
  accuracy: number;
  /** Recall@k in [0, 1], ties at the boundary counted as inside (tf.nn.in_top_k). */
  recallAtK: number;
  /** The k used: the requested k clamped to the number of classes. */
  k: number;
  /** Mean softmax cross-entropy. */
  loss: number;
  numExamples: number;
  perClass: ClassMetrics[];
  confusionMatrix: ConfusionMatrix;
  /** The first MAX_MISCLASSIFIED wrong predictions, in split order. */
  misclassified: MisclassifiedExample[];
}

export interface MetricsAccumulator {
  /** One batch: `logits` [count, numClasses] row-major, `labels` [count] and, to name wrong ones, the examples' ids. */
  add(logits: ArrayLike<number>, labels: ArrayLike<number>, ids?: readonly string[]): void;
  result(classNames?: readonly string[]): EvaluationMetrics;
}

export function createMetricsAccumulator(numClasses: number, requestedK: number): MetricsAccumulator {
  const k = clampK(requestedK, numClasses);
  const matrix = emptyConfusionMatrix(numClasses);
  let examples = 0;
  let correct = 0;
  let hits = 0;
  let lossSum = 0;
  const wrong = new MisclassifiedCollector();
  return {
    add(logits, labels, ids) {
      if (logits.length !== labels.length * numClasses) {
        throw new RangeError(`metrics: ${logits.length} logits for ${labels.length} labels of ${numClasses} classes`);
      }
      const predictions = top1(logits, numClasses);
      addToConfusionMatrix(matrix, labels, predictions);
      wrong.add(logits, labels, predictions, numClasses, ids);
      for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
      for (const h of inTopK(logits, labels, numClasses, k)) hits += h;
      for (const l of softmaxCrossEntropy(logits, labels, numClasses)) lossSum += l;
      examples += labels.length;
    },
    result(classNames = []) {
      const mean = (x: number) => (examples ? x / examples : 0);
      return {
        accuracy: mean(correct),
        recallAtK: mean(hits),
        k,
        loss: mean(lossSum),
        numExamples: examples,
        perClass: perClassMetrics(matrix, classNames),
        confusionMatrix: { size: matrix.size, counts: [...matrix.counts] },
        misclassified: [...wrong.examples],
      };
    },
  };
}
