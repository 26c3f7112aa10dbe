// ClassifyBatch: several images with one model; one bad image fails the call, naming its index.
import type { inferenceV1 } from '@finetune/contracts';
import { InvalidRequestError } from '@finetune/serving';
import type { Classifier } from '../classifier';
import type { InferenceMetrics } from '../inference-metrics';
import { predictionMessages } from '../prediction-message';
import { measured } from '../request-metrics';

export function classifyBatch(deps: { classifier: Classifier; metrics: InferenceMetrics; maxImages: number }) {
  return (request: inferenceV1.ClassifyBatchRequest__Output): Promise<inferenceV1.ClassifyBatchResponse> =>
    measured(deps.metrics, async () => {
      if (request.images.length === 0) throw new InvalidRequestError('images', 'is empty: send at least one image');
      if (request.images.length > deps.maxImages) throw new InvalidRequestError('images', `has ${request.images.length} images; at most ${deps.maxImages} per call (--max-batch-images)`);
      const { predictions, model } = await deps.classifier.classify({
        images: request.images,
        sources: request.images.map((_, i) => `images[${i}]`),
        topK: request.top_k,
        servedModelName: request.served_model_name,
        modelVersion: Number(request.model_version),
      });
      return { classifications: predictions.map((p) => ({ predictions: predictionMessages(p) })), served_model_name: model.name, model_version: model.version };
    });
}
