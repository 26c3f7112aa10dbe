// TF-Slim's layer idioms (conv + batch_norm + activation under one scope) as tfjs layers named for their Slim scopes.
import * as tf from '@tensorflow/tfjs';

export type Initializer = ReturnType<typeof tf.initializers.truncatedNormal>;

/** Slim's batch_norm settings that change the graph or its statistics. */
export interface BatchNormSettings {
  /** Slim's `scale`: whether there is a gamma (inception: no). */
  scale: boolean;
  /** @default Slim's 0.001 */
  epsilon: number;
  /** Slim's `decay` of the moving averages; tfjs calls it momentum and uses it the same way. */
  decay: number;
}

export interface ConvSettings {
  filters: number;
  /** [height, width] as Slim writes it: `[1, 7]` is one row, seven columns. */
  kernel: [number, number];
  stride?: number;
  padding: 'same' | 'valid';
  activation: 'relu' | 'relu6' | null;
  initializer: Initializer;
  batchNorm: BatchNormSettings;
}

function apply(layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor {
  return layer.apply(x) as tf.SymbolicTensor;
}

/** Op names match Slim's graph (`.../Relu6`), which keeps end points and exported graphs readable. */
function activate(x: tf.SymbolicTensor, scope: string, activation: ConvSettings['activation']): tf.SymbolicTensor {
  if (!activation) return x;
  const name = `${scope}/${activation === 'relu' ? 'Relu' : 'Relu6'}`;
  return apply(tf.layers.activation({ activation, name }), x);
}

function batchNorm(x: tf.SymbolicTensor, scope: string, bn: BatchNormSettings): tf.SymbolicTensor {
  return apply(
    tf.layers.batchNormalization({
      name: `${scope}/BatchNorm`,
      axis: -1,
      center: true,
      scale: bn.scale,
      epsilon: bn.epsilon,
      momentum: bn.decay,
    }),
    x,
  );
}

/** `slim.conv2d(..., normalizer_fn=slim.batch_norm)`: no biases, `<scope>/weights` and `<scope>/BatchNorm/*`. */
export function convBn(x: tf.SymbolicTensor, scope: string, s: ConvSettings): tf.SymbolicTensor {
  const conv = apply(
    tf.layers.conv2d({
      name: scope,
      filters: s.filters,
      kernelSize: s.kernel,
      strides: s.stride ?? 1,
      padding: s.padding,
      useBias: false,
      kernelInitializer: s.initializer,
    }),
    x,
  );
  return activate(batchNorm(conv, scope, s.batchNorm), scope, s.activation);
}

/** `slim.separable_conv2d(num_outputs=None, depth_multiplier=1)` + batch_norm: `<scope>/depthwise_weights`. */
export function depthwiseBn(x: tf.SymbolicTensor, scope: string, s: Omit<ConvSettings, 'filters'>): tf.SymbolicTensor {
  const conv = apply(
    tf.layers.depthwiseConv2d({
      name: scope,
      kernelSize: s.kernel,
      strides: s.stride ?? 1,
      padding: s.padding,
      depthMultiplier: 1,
      useBias: false,
      depthwiseInitializer: s.initializer,
    }),
    x,
  );
  return activate(batchNorm(conv, scope, s.batchNorm), scope, s.activation);
}

/**
 * A classifier conv as Slim writes heads: `slim.conv2d(net, num_classes, [k, k], activation_fn=None,
 * normalizer_fn=None)` — `<scope>/weights` [k,k,C,classes] and `<scope>/biases`.
 */
export function logitsConv(
  x: tf.SymbolicTensor,
  scope: string,
  numClasses: number,
  initializer: Initializer,
): tf.SymbolicTensor {
  return apply(
    tf.layers.conv2d({
      name: scope,
      filters: numClasses,
      kernelSize: 1,
      padding: 'valid',
      useBias: true,
      kernelInitializer: initializer,
      biasInitializer: 'zeros',
    }),
    x,
  );
}

export function maxPool(x: tf.SymbolicTensor, name: string, size: number, stride: number, padding: 'same' | 'valid') {
  return apply(tf.layers.maxPooling2d({ name, poolSize: size, strides: stride, padding }), x);
}

/** TF's avg_pool with SAME padding averages over the window inside the image only; tfjs does the same. */
export function avgPool(
  x: tf.SymbolicTensor,
  name: string,
  size: number | [number, number],
  stride: number,
  padding: 'same' | 'valid',
) {
  return apply(tf.layers.averagePooling2d({ name, poolSize: size, strides: stride, padding }), x);
}

export function concat(xs: tf.SymbolicTensor[], name: string): tf.SymbolicTensor {
  return apply(tf.layers.concatenate({ name, axis: -1 }), xs);
}

export function add(xs: tf.SymbolicTensor[], name: string): tf.SymbolicTensor {
  return apply(tf.layers.add({ name }), xs);
}

/** Slim's dropout takes a keep probability; tfjs a drop rate. Identity at inference. */
export function dropout(x: tf.SymbolicTensor, name: string, keepProb: number): tf.SymbolicTensor {
  return apply(tf.layers.dropout({ name, rate: 1 - keepProb }), x);
}

/** `tf.squeeze(logits, [1, 2])`: [N,1,1,C] -> [N,C]. */
export function spatialSqueeze(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return apply(tf.layers.flatten({ name }), x);
}

export function softmax(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
  return apply(tf.layers.activation({ name, activation: 'softmax' }), x);
}

/** Spatial [height, width] of a symbolic NHWC tensor, known because every net here has a fixed input size. */
export function spatialSize(x: tf.SymbolicTensor): [number, number] {
  const [, h, w] = x.shape;
  if (h == null || w == null) throw new Error(`${x.name}: spatial size unknown`);
  return [h, w];
}
