// Predictions and model descriptions as the contract's messages.
import type { commonV1, inferenceV1 } from '@finetune/contracts';
import { inputSpecMessage, type ModelMetadata, type Prediction } from '@finetune/serving';

export function predictionMessages(predictions: Prediction[]): inferenceV1.Prediction[] {
  return predictions.map((p) => ({ label: p.label, label_index: p.labelIndex, score: p.score, probability: p.probability }));
}

export function inputSpec(metadata: ModelMetadata): commonV1.InputSpec {
  return inputSpecMessage(metadata);
}
