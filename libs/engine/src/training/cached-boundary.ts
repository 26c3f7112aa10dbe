// Moves boundary activations between tensors [m, ...] and per-example arrays in the feature cache.
import * as tf from '@tensorflow/tfjs';
import type { FeatureCache } from './feature-cache';
import { FeatureCacheMissError } from './training-errors';

/** Splits each boundary tensor into per-example copies and caches them under `ids`. */
export async function cacheBoundary(cache: FeatureCache, ids: readonly string[], boundary: readonly tf.Tensor[]): Promise<void> {
  const data = await Promise.all(boundary.map((t) => t.data() as Promise<Float32Array>));
  ids.forEach((id, i) => {
    cache.put(
      id,
      data.map((all, k) => {
        const per = (boundary[k]?.size ?? 0) / ids.length;
        return all.slice(i * per, (i + 1) * per);
      }),
    );
  });
}

/** Stacks the cached arrays of `ids` into tensors of `shapes` (per example, no batch dimension). */
export function boundaryFromCache(cache: FeatureCache, ids: readonly string[], shapes: readonly number[][]): tf.Tensor[] {
  const perExample = ids.map((id) => {
    const arrays = cache.get(id);
    if (!arrays) throw new FeatureCacheMissError(id);
    return arrays;
  });
  return shapes.map((shape, k) => {
    const per = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(per * ids.length);
    perExample.forEach((arrays, i) => values.set(arrays[k] ?? new Float32Array(per), i * per));
    return tf.tensor(values, [ids.length, ...shape]);
  });
}
