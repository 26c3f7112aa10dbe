// Top-1 accuracy, the reference's eval/Accuracy (streaming_accuracy of argmax predictions against labels).

/** The fraction of examples whose prediction equals the label; 0 for no examples, as TF's streaming mean. */
export function accuracy(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (predictions.length !== labels.length) {
    throw new RangeError(`accuracy: ${predictions.length} predictions for ${labels.length} labels`);
  }
  if (labels.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}
