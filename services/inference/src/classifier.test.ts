// The inference service decodes each image with the alpha background its model version records (white when the
// version predates the field), so a transparent image reaches the net as it did in training.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@finetune/runtime';
import type { ModelMetadata } from '@finetune/serving';
import { Classifier } from './classifier';
import { DynamicBatcher } from './dynamic-batcher';
import { ModelRegistry, type LoadedModel } from './model-registry';

const log = createLogger({}, { write: () => undefined });

/** A version whose "net" scores `light` by the mean input value (unit preprocessing: white 1, black 0). */
function model(name: string, alphaBackground?: string): LoadedModel {
  const mean = (x: Float32Array) => x.reduce((s, v) => s + v, 0) / x.length;
  const predictor = { runtime: 'tfjs' as const, workers: 0, predict: async (inputs: Float32Array[]) => inputs.map((x) => Float32Array.of(mean(x), 1 - mean(x))), dispose: async () => undefined };
  const metadata = { labels: ['light', 'dark'], imageSize: 8, preprocessing: 'unit', ...(alphaBackground && { alphaBackground }) } as ModelMetadata;
  return { name, version: 1, dir: `/repo/${name}/1`, metadata, predictor, loadedAt: new Date() };
}

describe('classifier', () => {
  it('classifier - a transparent image is composited on the colour the model version records', async () => {
    const registry = new ModelRegistry(log, '');
    for (const m of [model('black', '#000000'), model('grey', '#808080'), model('older')]) registry.install(m);
    const batcher = new DynamicBatcher<LoadedModel, Float32Array, Float32Array>((m, inputs) => m.predictor.predict(inputs));
    const classifier = new Classifier(registry, batcher, 1e6);
    const image = await sharp({ create: { width: 12, height: 12, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } }).png().toBuffer();
    const score = async (servedModelName: string) => {
      const { predictions } = await classifier.classify({ images: [image], sources: ['image'], topK: 2, servedModelName, modelVersion: 0 });
      return predictions[0]!.find((p) => p.label === 'light')!.score;
    };
    expect(await score('black')).toBe(0);
    expect(await score('grey')).toBeCloseTo(128 / 255, 6);
    expect(await score('older')).toBe(1);
    await registry.close();
  });
});
