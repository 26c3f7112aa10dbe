// Test fixtures for the training engine: tiny Slim-named functional models and seeded batches. Not exported.
import * as tf from '@tensorflow/tfjs';
import { weightShortName } from './batch-norm-spec';

export interface TinyNetOptions {
  numClasses?: number;
  /** Adds an AuxLogits head (from the middle of the net) as the second output, like inception_v3. */
  aux?: boolean;
  /**
   * Builds the AuxLogits head as inception_v3 does instead: a parameter-free avg pool 3x3/2 VALID (8x8 -> 3x3),
   * 1x1 conv + BN + relu, a VALID conv as large as the pooled map (3x3 -> 1x1) + BN + relu, 1x1 logits.
   */
  auxTower?: boolean;
  /** Slim's batch_norm `scale` (Inception: false, so no gamma). */
  scale?: boolean;
  /** Dropout rate in front of the logits (0 keeps tests deterministic). */
  dropoutRate?: number;
  /** Batch-norm decay (tfjs momentum). */
  decay?: number;
  seed?: number;
}

export interface TinyNet {
  model: tf.LayersModel;
  variables: Map<string, tf.LayerVariable>;
}

const SLIM = { kernel: 'weights', bias: 'biases', depthwise_kernel: 'depthwise_weights' } as Record<string, string>;

/** `Layer/kernel` -> `Layer/weights`, the mapping the nets library uses. */
export function slimNamesOf(model: tf.LayersModel): Map<string, tf.LayerVariable> {
  const variables = new Map<string, tf.LayerVariable>();
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      const short = weightShortName(w);
      variables.set(`${layer.name}/${SLIM[short] ?? short}`, w);
    }
  }
  return variables;
}

/**
 * 16x16x3 -> conv 3x3/2 + BN + relu -> depthwise 3x3 + BN + relu6 -> pointwise 1x1 + BN + relu -> [aux head]
 * -> avg pool -> dropout -> 1x1 conv logits (+biases) -> squeeze. Names follow Slim scopes under 'Tiny'.
 */
export function tinyNet(options: TinyNetOptions = {}): TinyNet {
  const numClasses = options.numClasses ?? 3;
  const seed = options.seed ?? 7;
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const bn = (x: tf.SymbolicTensor, scope: string) =>
    tf.layers
      .batchNormalization({
        name: `${scope}/BatchNorm`,
        scale: options.scale ?? false,
        momentum: options.decay ?? 0.997,
        epsilon: 0.001,
        betaInitializer: tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: seed + 50 }),
        movingMeanInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed + 51 }),
        movingVarianceInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: seed + 52 }),
      })
      .apply(x) as tf.SymbolicTensor;
  const act = (x: tf.SymbolicTensor, name: string, activation: 'relu' | 'relu6') =>
    tf.layers.activation({ name, activation }).apply(x) as tf.SymbolicTensor;

  const input = tf.input({ shape: [16, 16, 3], name: 'images' });
  let x = tf.layers
    .conv2d({ name: 'Tiny/Conv2d_1', filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(1) })
    .apply(input) as tf.SymbolicTensor;
  x = act(bn(x, 'Tiny/Conv2d_1'), 'Tiny/Conv2d_1/Relu', 'relu');
  x = tf.layers
    .depthwiseConv2d({ name: 'Tiny/Conv2d_2_depthwise', kernelSize: 3, padding: 'same', useBias: false, depthwiseInitializer: init(2) })
    .apply(x) as tf.SymbolicTensor;
  x = act(bn(x, 'Tiny/Conv2d_2_depthwise'), 'Tiny/Conv2d_2_depthwise/Relu6', 'relu6');
  x = tf.layers
    .conv2d({ name: 'Tiny/Conv2d_2_pointwise', filters: 8, kernelSize: 1, useBias: false, kernelInitializer: init(3) })
    .apply(x) as tf.SymbolicTensor;
  const mid = act(bn(x, 'Tiny/Conv2d_2_pointwise'), 'Tiny/Conv2d_2_pointwise/Relu', 'relu');

  const outputs: tf.SymbolicTensor[] = [];
  let head = tf.layers.globalAveragePooling2d({ name: 'Tiny/Logits/AvgPool' }).apply(mid) as tf.SymbolicTensor;
  head = tf.layers.reshape({ name: 'Tiny/Logits/Reshape', targetShape: [1, 1, 8] }).apply(head) as tf.SymbolicTensor;
  head = tf.layers.dropout({ name: 'Tiny/Logits/Dropout', rate: options.dropoutRate ?? 0 }).apply(head) as tf.SymbolicTensor;
  head = tf.layers
    .conv2d({ name: 'Tiny/Logits/Conv2d_1c_1x1', filters: numClasses, kernelSize: 1, kernelInitializer: init(4), biasInitializer: 'zeros' })
    .apply(head) as tf.SymbolicTensor;
  outputs.push(tf.layers.flatten({ name: 'Tiny/Logits/SpatialSqueeze' }).apply(head) as tf.SymbolicTensor);
  if (options.auxTower) {
    const conv = (x: tf.SymbolicTensor, scope: string, filters: number, kernelSize: number, k: number) =>
      tf.layers.conv2d({ name: scope, filters, kernelSize, padding: 'valid', useBias: false, kernelInitializer: init(k) }).apply(x) as tf.SymbolicTensor;
    const s = 'Tiny/AuxLogits';
    let aux = tf.layers.averagePooling2d({ name: `${s}/AvgPool_1a_3x3`, poolSize: 3, strides: 2, padding: 'valid' }).apply(mid) as tf.SymbolicTensor;
    aux = act(bn(conv(aux, `${s}/Conv2d_1b_1x1`, 4, 1, 6), `${s}/Conv2d_1b_1x1`), `${s}/Conv2d_1b_1x1/Relu`, 'relu');
    aux = act(bn(conv(aux, `${s}/Conv2d_2a_3x3`, 6, 3, 7), `${s}/Conv2d_2a_3x3`), `${s}/Conv2d_2a_3x3/Relu`, 'relu');
    aux = tf.layers
      .conv2d({ name: `${s}/Conv2d_2b_1x1`, filters: numClasses, kernelSize: 1, kernelInitializer: init(8) })
      .apply(aux) as tf.SymbolicTensor;
    outputs.push(tf.layers.flatten({ name: `${s}/SpatialSqueeze` }).apply(aux) as tf.SymbolicTensor);
  } else if (options.aux) {
    let aux = tf.layers.averagePooling2d({ name: 'Tiny/AuxLogits/AvgPool', poolSize: 8 }).apply(mid) as tf.SymbolicTensor;
    aux = tf.layers
      .conv2d({ name: 'Tiny/AuxLogits/Conv2d_2b_1x1', filters: numClasses, kernelSize: 1, kernelInitializer: init(5) })
      .apply(aux) as tf.SymbolicTensor;
    outputs.push(tf.layers.flatten({ name: 'Tiny/AuxLogits/SpatialSqueeze' }).apply(aux) as tf.SymbolicTensor);
  }
  const model = tf.model({ inputs: input, outputs, name: 'Tiny' });
  return { model, variables: slimNamesOf(model) };
}

/** Seeded images in [-1, 1) and labels, so failures reproduce. */
export function tinyBatch(size: number, seed: number, numClasses = 3): { images: tf.Tensor4D; labels: Int32Array } {
  const images = tf.randomUniform([size, 16, 16, 3], -1, 1, 'float32', seed) as tf.Tensor4D;
  const labels = Int32Array.from({ length: size }, (_, i) => (i * 7 + seed) % numClasses);
  return { images, labels };
}

/** Names of `variables` under any of `scopes` (Slim's --trainable_scopes prefix match). */
export function namesUnder(variables: ReadonlyMap<string, unknown>, scopes: readonly string[]): string[] {
  return [...variables.keys()].filter((name) => scopes.some((s) => name.startsWith(`${s}/`)));
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Number.NaN);
}
