// Classify: one image, its top-k labels.
import type { inferenceV1 } from '@finetune/contracts';
import type { Classifier } from '../classifier';
import type { InferenceMetrics } from '../inference-metrics';
import { predictionMessages } from '../prediction-message';
import { measured } from '../request-metrics';

export function classify(deps: { classifier: Classifier; metrics: InferenceMetrics }) {
  return (request: inferenceV1.ClassifyRequest__Output): Promise<inferenceV1.ClassifyResponse> =>
    measured(deps.metrics, async () => {
      const { predictions, model } = await deps.classifier.classify({
        images: [request.image],
        sources: ['image'],
        topK: request.top_k,
        servedModelName: request.served_model_name,
        modelVersion: Number(request.model_version),
      });
      return { predictions: predictionMessages(predictions[0]!), served_model_name: model.name, model_version: model.version };
    });
}
