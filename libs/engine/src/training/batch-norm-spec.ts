// What the engine needs to run a tfjs BatchNormalization layer itself in training mode.
import type * as tf from '@tensorflow/tfjs';
import { UnsupportedModelError } from './training-errors';

export interface BatchNormSpec {
  readonly layerName: string;
  readonly gamma: tf.LayerVariable | null;
  readonly beta: tf.LayerVariable | null;
  readonly movingMean: tf.LayerVariable;
  readonly movingVariance: tf.LayerVariable;
  /** Normalised axis, negative values resolved later against the input rank. */
  readonly axis: number;
  readonly epsilon: number;
  /** Decay of the moving averages (Slim's `decay`, tfjs's `momentum`). */
  readonly decay: number;
}

export function isBatchNorm(layer: tf.layers.Layer): boolean {
  return layer.getClassName() === 'BatchNormalization';
}

/** The last path segment of a weight's original name: 'Conv/BatchNorm/moving_mean' -> 'moving_mean'. */
export function weightShortName(weight: tf.LayerVariable): string {
  return weight.originalName.slice(weight.originalName.lastIndexOf('/') + 1);
}

/** Reads the layer's config and weights; `decay` overrides the layer's own momentum when given. */
export function batchNormSpec(layer: tf.layers.Layer, decay: number | undefined): BatchNormSpec {
  const byName = new Map(layer.weights.map((w) => [weightShortName(w), w]));
  const config = layer.getConfig();
  const movingMean = byName.get('moving_mean');
  const movingVariance = byName.get('moving_variance');
  if (!movingMean || !movingVariance) {
    throw new UnsupportedModelError(layer.name, 'batch normalization without moving_mean/moving_variance weights');
  }
  const axis = config['axis'];
  if (typeof axis !== 'number') {
    throw new UnsupportedModelError(layer.name, `batch normalization over axis ${JSON.stringify(axis)}; one axis expected`);
  }
  return {
    layerName: layer.name,
    gamma: byName.get('gamma') ?? null,
    beta: byName.get('beta') ?? null,
    movingMean,
    movingVariance,
    axis,
    epsilon: Number(config['epsilon']),
    decay: decay ?? Number(config['momentum']),
  };
}
