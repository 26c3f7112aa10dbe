// The validation images an evaluation got wrong, as references into the split (not the pixels), so a board
// can show them beside the confusion matrix; the first few hundred in split order keep the record small.

/** Misclassified examples kept per evaluation; the confusion matrix still counts every one. */
export const MAX_MISCLASSIFIED = 200;

export interface MisclassifiedExample {
  /** Position in the split, in evaluation order (shards in order, records in order). */
  splitIndex: number;
  /** The pipeline's example id, `<shard file>:<record index>`. */
  id: string;
  label: number;
  predicted: number;
  /** Logit of the predicted class: the reference's classify "score". */
  score: number;
  /** Softmax probability of the predicted class, in [0, 1]. */
  probability: number;
}

/** Collects the misclassified rows of each batch of logits until `limit` are kept. */
export class MisclassifiedCollector {
  readonly examples: MisclassifiedExample[] = [];
  private seen = 0;

  constructor(private readonly limit = MAX_MISCLASSIFIED) {}

  add(logits: ArrayLike<number>, labels: ArrayLike<number>, predictions: ArrayLike<number>, numClasses: number, ids?: readonly string[]): void {
    for (let row = 0; row < labels.length; row++, this.seen++) {
      const predicted = predictions[row]!;
      if (predicted === labels[row] || this.examples.length >= this.limit) continue;
      const base = row * numClasses;
      const score = logits[base + predicted]!;
      let sum = 0;
      for (let c = 0; c < numClasses; c++) sum += Math.exp(logits[base + c]! - score);
      this.examples.push({ splitIndex: this.seen, id: ids?.[row] ?? '', label: labels[row]!, predicted, score, probability: 1 / sum });
    }
  }
}
