// Predictions as the contract's messages (a model's input: inputSpecMessage in @finetune/serving).
import type { inferenceV1 } from '@finetune/contracts';
import type { Prediction } from '@finetune/serving';

export function predictionMessages(predictions: Prediction[]): inferenceV1.Prediction[] {
  return predictions.map((p) => ({ label: p.label, label_index: p.labelIndex, score: p.score, probability: p.probability }));
}
