// Whether a stage trains from the feature cache, and of which views: the one rule the job, its input and its
// reports follow.
import type { StageOptions } from './training-stages';

export interface FeatureCachePlan {
  /** Augmented views of each image whose features are cached; undefined: one un-augmented view. */
  views?: number;
}

/**
 * A stage whose frozen part is deterministic (frozen batch norm on moving statistics, some scopes frozen) computes
 * that part once per view of an image: once without augmentation, or once for each of --augmented_views views.
 * With --augmented_views=0 every step augments afresh, so nothing can be cached.
 */
export function featureCachePlan(o: Pick<StageOptions, 'augment' | 'augmentedViews' | 'frozenBatchNorm' | 'trainableScopes'>): FeatureCachePlan | undefined {
  if (o.frozenBatchNorm !== 'inference' || o.trainableScopes.length === 0) return undefined;
  if (!o.augment) return {};
  return o.augmentedViews > 0 ? { views: o.augmentedViews } : undefined;
}
