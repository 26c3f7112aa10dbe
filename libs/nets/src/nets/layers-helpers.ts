// TF-Slim's conv2d / separable_conv2d / batch_norm as tfjs layers whose names are the Slim scopes.
import * as tf from '@tensorflow/tfjs';

type Tensor = tf.SymbolicTensor;
/** tfjs does not export its Initializer base class through the tf namespace. */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

/** slim.batch_norm parameters from a net's arg_scope. */
export interface BatchNormSpec {
  /** Variance epsilon, e.g. 0.001 in mobilenet_v1, 1e-5 in resnet_v1. */
  epsilon: number;
  /** Moving-average decay (tfjs calls it momentum), e.g. 0.9997. */
  decay: number;
  /** Whether there is a gamma variable (Slim's `scale`). */
  scale: boolean;
}

export type SlimActivation = 'relu' | 'relu6' | null;

export interface ConvSpec {
  /** Full Slim scope, e.g. 'MobilenetV1/Conv2d_0'; also the layer name. */
  scope: string;
  filters: number;
  kernelSize: number;
  strides?: number;
  padding: 'same' | 'valid';
  /** null for a linear output (Slim activation_fn=None). */
  activation: SlimActivation;
  /** Slim normalizer_fn=batch_norm: the conv then has no biases. Absent: biases, no batch norm. */
  batchNorm?: BatchNormSpec;
  kernelInitializer: Initializer;
}

export interface DepthwiseSpec {
  scope: string;
  kernelSize: number;
  strides: number;
  activation: SlimActivation;
  batchNorm: BatchNormSpec;
  kernelInitializer: Initializer;
}

const ACTIVATION_OP_NAMES = { relu: 'Relu', relu6: 'Relu6' } as const;

/** slim.conv2d: conv, then batch norm or biases, then the activation; the result is the Slim end point. */
export function slimConv2d(input: Tensor, spec: ConvSpec): Tensor {
  const conv = tf.layers.conv2d({
    name: spec.scope,
    filters: spec.filters,
    kernelSize: spec.kernelSize,
    strides: spec.strides ?? 1,
    padding: spec.padding,
    useBias: spec.batchNorm === undefined,
    kernelInitializer: spec.kernelInitializer,
    biasInitializer: 'zeros',
  });
  return normalizeAndActivate(conv.apply(input) as Tensor, spec.scope, spec.batchNorm, spec.activation);
}

/** slim.separable_conv2d with num_outputs=None: a depthwise conv (multiplier 1) only, padding SAME. */
export function slimDepthwiseConv2d(input: Tensor, spec: DepthwiseSpec): Tensor {
  const conv = tf.layers.depthwiseConv2d({
    name: spec.scope,
    kernelSize: spec.kernelSize,
    strides: spec.strides,
    depthMultiplier: 1,
    padding: 'same',
    useBias: false,
    depthwiseInitializer: spec.kernelInitializer,
  });
  return normalizeAndActivate(conv.apply(input) as Tensor, spec.scope, spec.batchNorm, spec.activation);
}

function normalizeAndActivate(x: Tensor, scope: string, batchNorm: BatchNormSpec | undefined, activation: SlimActivation): Tensor {
  let out = x;
  if (batchNorm) {
    out = tf.layers
      .batchNormalization({
        name: `${scope}/BatchNorm`,
        axis: -1,
        momentum: batchNorm.decay,
        epsilon: batchNorm.epsilon,
        center: true,
        scale: batchNorm.scale,
      })
      .apply(out) as Tensor;
  }
  if (activation) {
    out = tf.layers.activation({ name: `${scope}/${ACTIVATION_OP_NAMES[activation]}`, activation }).apply(out) as Tensor;
  }
  return out;
}

/**
 * resnet_utils.conv2d_same: with stride > 1 TF-Slim pads explicitly by (k-1)/2 and convolves VALID, so the
 * output does not depend on whether the input size is even (TF's SAME would pad only at the bottom/right).
 */
export function slimConv2dSame(input: Tensor, spec: Omit<ConvSpec, 'padding'>): Tensor {
  const strides = spec.strides ?? 1;
  if (strides === 1) return slimConv2d(input, { ...spec, padding: 'same' });
  const padTotal = spec.kernelSize - 1;
  const padBegin = Math.floor(padTotal / 2);
  const padEnd = padTotal - padBegin;
  const padded = tf.layers
    .zeroPadding2d({ name: `${spec.scope}/Pad`, padding: [[padBegin, padEnd], [padBegin, padEnd]] })
    .apply(input) as Tensor;
  return slimConv2d(padded, { ...spec, padding: 'valid' });
}

/** tf.reduce_mean over height and width with keep_dims=True: [b, h, w, c] -> [b, 1, 1, c]. */
export function globalAveragePool(input: Tensor, name: string): Tensor {
  const channels = input.shape[3] as number;
  const pooled = tf.layers.globalAveragePooling2d({ name }).apply(input) as Tensor;
  return tf.layers.reshape({ name: `${name}/keep_dims`, targetShape: [1, 1, channels] }).apply(pooled) as Tensor;
}

/** tf.squeeze(logits, [1, 2]): [b, 1, 1, n] -> [b, n]; fails at build time if the map is not 1x1. */
export function spatialSqueeze(input: Tensor, name: string): Tensor {
  const [, height, width, channels] = input.shape;
  if (height !== 1 || width !== 1) {
    throw new Error(`${name}: cannot squeeze a ${height}x${width} map; expected 1x1`);
  }
  return tf.layers.reshape({ name, targetShape: [channels as number] }).apply(input) as Tensor;
}

/** slim.dropout; rate is 1 - keep_prob and it only acts in training. */
export function slimDropout(input: Tensor, keepProb: number, name: string): Tensor {
  return tf.layers.dropout({ name, rate: 1 - keepProb }).apply(input) as Tensor;
}

/** The softmax end point ('Predictions'); not a model output. */
export function softmax(input: Tensor, name: string): Tensor {
  return tf.layers.softmax({ name }).apply(input) as Tensor;
}
