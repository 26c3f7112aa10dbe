// One path for every classification RPC: hold the model, prepare the images in parallel, batch, top-k.
import { imageToInput, resolveTopK, topPredictions, type Prediction } from '@finetune/serving';
import type { DynamicBatcher } from './dynamic-batcher';
import type { LoadedModel, ModelRegistry } from './model-registry';

export interface ClassifyInput {
  images: readonly Uint8Array[];
  /** How each image is named in errors, e.g. `image` or `images[3]`. */
  sources: readonly string[];
  topK: number;
  servedModelName: string;
  modelVersion: number;
}

export interface ClassifyOutput {
  predictions: Prediction[][];
  model: LoadedModel;
}

export class Classifier {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly batcher: DynamicBatcher<LoadedModel, Float32Array, Float32Array>,
    private readonly maxImagePixels: number,
  ) {}

  async classify(input: ClassifyInput): Promise<ClassifyOutput> {
    const lease = this.registry.acquire(input.servedModelName, input.modelVersion);
    try {
      const { model } = lease;
      const { labels, imageSize, preprocessing, alphaBackground } = model.metadata;
      const k = resolveTopK(input.topK, labels.length);
      const prepared = await Promise.all(
        input.images.map((bytes, i) => imageToInput(bytes, { size: imageSize, preprocessing, alphaBackground, maxPixels: this.maxImagePixels, source: input.sources[i]! })),
      );
      const logits = await Promise.all(prepared.map((x) => this.batcher.submit(model, x)));
      return { predictions: logits.map((l) => topPredictions(l, labels, k)), model };
    } finally {
      lease.release();
    }
  }
}
