// The main thread's feature cache in data-parallel training: the boundary activations a worker returns for its
// share, packed per tensor, become per-example cache entries; a step from the cache packs them again per share.
import type { FeatureCache } from '../training/feature-cache';
import type { BatchShare } from './batch-shares';

/** Values per example of each boundary tensor. */
export function valuesPerExample(boundaryShapes: readonly number[][]): number[] {
  return boundaryShapes.map((shape) => shape.reduce((a, b) => a * b, 1));
}

/** Caches each share's returned boundary (`boundaries[i]` for `shares[i]`) under its examples' ids; `ids` are the batch's. */
export function cacheShareBoundaries(
  cache: FeatureCache,
  ids: readonly string[],
  shares: readonly BatchShare[],
  boundaries: readonly (Float32Array[] | undefined)[],
  per: readonly number[],
): void {
  shares.forEach((share, i) => {
    for (let e = 0; e < share.count; e++) {
      cache.put(ids[share.start + e]!, (boundaries[i] ?? []).map((packed, k) => packed.slice(e * per[k]!, (e + 1) * per[k]!)));
    }
  });
}

/** The cached boundary of `ids`, packed per tensor as a worker takes it; the caller has checked every id is cached. */
export function packCachedBoundary(cache: FeatureCache, ids: readonly string[], per: readonly number[]): Float32Array[] {
  return per.map((n, k) => {
    const packed = new Float32Array(n * ids.length);
    ids.forEach((id, e) => packed.set(cache.get(id)![k]!, e * n));
    return packed;
  });
}
