// Test fixtures for the worker pool: a small mobilenet_v2 with a head large enough to give logits of order one. Not exported.
import * as tf from '@tensorflow/tfjs';
import { getNet, type Net, type NetOptions } from '@finetune/nets';
import { readNetWeights } from './net-weights';

export const SMALL_NET = 'mobilenet_v2';
export const SMALL_NET_OPTIONS: NetOptions = { numClasses: 5, imageSize: 32, depthMultiplier: 0.35 };

/**
 * The net with its Logits scope set to seeded uniform values: a fresh head's weights are ~1e-3 and would give
 * logits so small that any comparison passes.
 */
export function smallNet(seed = 11): { net: Net; weights: Map<string, Float32Array> } {
  const net = getNet(SMALL_NET).build(SMALL_NET_OPTIONS);
  let k = 0;
  for (const [name, variable] of net.variables) {
    if (!name.includes('/Logits/')) continue;
    tf.tidy(() => {
      variable.write(tf.randomUniform(variable.shape as number[], -0.5, 0.5, 'float32', seed + k++));
    });
  }
  return { net, weights: readNetWeights(net) };
}

/** Seeded images in [-1, 1) as the preprocessed input the net takes. */
export function smallImages(count: number, seed: number, size = SMALL_NET_OPTIONS.imageSize ?? 32): Float32Array {
  return tf.tidy(() => tf.randomUniform([count, size, size, 3], -1, 1, 'float32', seed).dataSync() as Float32Array).slice();
}

/** The stock single-thread answer: model.predict's logits on this thread's backend. */
export function stockLogits(net: Net, images: Float32Array, count: number): Float32Array {
  const size = SMALL_NET_OPTIONS.imageSize ?? 32;
  return tf.tidy(() => {
    const out = net.model.predict(tf.tensor4d(images, [count, size, size, 3])) as tf.Tensor | tf.Tensor[];
    return ((Array.isArray(out) ? out[0]! : out).dataSync() as Float32Array).slice();
  });
}

export function maxAbsDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/**
 * Gives every batch norm of `net` trained-looking statistics and returns all its weights: a fresh net's
 * (mean 0, variance 1, γ 1, β 0) would make a folded net trivially equal to the unfolded one.
 */
export function trainBatchNorms(net: Net, seed: number): Map<string, Float32Array> {
  const ranges: Record<string, [number, number]> = { moving_mean: [-0.2, 0.2], moving_variance: [0.2, 2.2], gamma: [0.5, 1.5], beta: [-0.2, 0.2] };
  let k = 0;
  for (const [name, variable] of net.variables) {
    const range = ranges[name.slice(name.lastIndexOf('/') + 1)];
    if (!name.includes('BatchNorm') || !range) continue;
    tf.tidy(() => {
      variable.write(tf.randomUniform(variable.shape as number[], range[0], range[1], 'float32', seed + k++));
    });
  }
  return readNetWeights(net);
}
