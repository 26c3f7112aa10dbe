// MobileNet v1 as TF-Slim's nets/mobilenet_v1.py builds it, with its checkpoint variable names.
import * as tf from '@tensorflow/tfjs';
import type { Net, NetDef, NetOptions } from '../net-def';
import {
  type BatchNormSpec,
  globalAveragePool,
  slimConv2d,
  slimDepthwiseConv2d,
  slimDropout,
  softmax,
  spatialSqueeze,
} from './layers-helpers';
import { resolveNetOptions } from './resolve-net-options';
import { collectSlimVariables } from './slim-variables';

const SCOPE = 'MobilenetV1';
const DEFAULT_IMAGE_SIZE = 224;
/** Total stride is 32; below this the last map would be smaller than 1x1. */
const MIN_IMAGE_SIZE = 32;
/** mobilenet_v1's min_depth: no layer gets fewer channels, whatever the multiplier. */
const MIN_DEPTH = 8;
/** mobilenet_v1's dropout_keep_prob default. */
const DROPOUT_KEEP_PROB = 0.999;
/** _reduced_kernel_size_for_small_input([7, 7]): the average pool covers at most 7x7. */
const MAX_POOL_KERNEL = 7;

/**
 * mobilenet_v1_arg_scope: batch norm with center and scale=True (so checkpoints hold BatchNorm/gamma),
 * decay 0.9997, epsilon 0.001; relu6; weights from truncated_normal(stddev=0.09).
 */
const BATCH_NORM: BatchNormSpec = { epsilon: 0.001, decay: 0.9997, scale: true };
const WEIGHTS_STDDEV = 0.09;

/** MOBILENETV1_CONV_DEFS: Conv2d_0 is a full conv, the other 13 depthwise separable. */
const CONV_DEFS: ReadonlyArray<{ separable: boolean; stride: number; depth: number }> = [
  { separable: false, stride: 2, depth: 32 },
  { separable: true, stride: 1, depth: 64 },
  { separable: true, stride: 2, depth: 128 },
  { separable: true, stride: 1, depth: 128 },
  { separable: true, stride: 2, depth: 256 },
  { separable: true, stride: 1, depth: 256 },
  { separable: true, stride: 2, depth: 512 },
  { separable: true, stride: 1, depth: 512 },
  { separable: true, stride: 1, depth: 512 },
  { separable: true, stride: 1, depth: 512 },
  { separable: true, stride: 1, depth: 512 },
  { separable: true, stride: 1, depth: 512 },
  { separable: true, stride: 2, depth: 1024 },
  { separable: true, stride: 1, depth: 1024 },
];

/** Slim's depth(): max(int(d * depth_multiplier), min_depth). */
export function mobilenetV1Depth(depth: number, depthMultiplier: number): number {
  return Math.max(Math.trunc(depth * depthMultiplier), MIN_DEPTH);
}

function buildMobilenetV1(options: NetOptions): Net {
  const { numClasses, imageSize, depthMultiplier, dropoutKeepProb } = resolveNetOptions(options, {
    net: 'mobilenet_v1',
    defaultImageSize: DEFAULT_IMAGE_SIZE,
    minImageSize: MIN_IMAGE_SIZE,
    defaultDropoutKeepProb: DROPOUT_KEEP_PROB,
    acceptsDepthMultiplier: true,
  });
  const initializer = () => tf.initializers.truncatedNormal({ stddev: WEIGHTS_STDDEV });
  const endPoints: Record<string, tf.SymbolicTensor> = {};
  const input = tf.input({ name: `${SCOPE}/input`, shape: [imageSize, imageSize, 3] });

  let net = input;
  CONV_DEFS.forEach((def, i) => {
    const depth = mobilenetV1Depth(def.depth, depthMultiplier);
    if (!def.separable) {
      const name = `Conv2d_${i}`;
      net = slimConv2d(net, {
        scope: `${SCOPE}/${name}`,
        filters: depth,
        kernelSize: 3,
        strides: def.stride,
        padding: 'same',
        activation: 'relu6',
        batchNorm: BATCH_NORM,
        kernelInitializer: initializer(),
      });
      endPoints[name] = net;
      return;
    }
    const depthwise = `Conv2d_${i}_depthwise`;
    net = slimDepthwiseConv2d(net, {
      scope: `${SCOPE}/${depthwise}`,
      kernelSize: 3,
      strides: def.stride,
      activation: 'relu6',
      batchNorm: BATCH_NORM,
      kernelInitializer: initializer(),
    });
    endPoints[depthwise] = net;
    const pointwise = `Conv2d_${i}_pointwise`;
    net = slimConv2d(net, {
      scope: `${SCOPE}/${pointwise}`,
      filters: depth,
      kernelSize: 1,
      padding: 'same',
      activation: 'relu6',
      batchNorm: BATCH_NORM,
      kernelInitializer: initializer(),
    });
    endPoints[pointwise] = net;
  });

  const logitsScope = `${SCOPE}/Logits`;
  const mapSize = net.shape[1] as number;
  if (mapSize <= MAX_POOL_KERNEL) {
    // Slim's default (global_pool=False): a VALID average pool whose kernel is the whole map.
    net = tf.layers
      .averagePooling2d({ name: `${logitsScope}/AvgPool_1a`, poolSize: mapSize, strides: mapSize, padding: 'valid' })
      .apply(net) as tf.SymbolicTensor;
    endPoints['AvgPool_1a'] = net;
  } else {
    // Above 224 the 7x7 pool would leave a map Slim cannot squeeze; this is Slim's global_pool=True.
    net = globalAveragePool(net, `${logitsScope}/global_pool`);
    endPoints['global_pool'] = net;
  }
  net = slimDropout(net, dropoutKeepProb, `${logitsScope}/Dropout_1b`);
  net = slimConv2d(net, {
    scope: `${logitsScope}/Conv2d_1c_1x1`,
    filters: numClasses,
    kernelSize: 1,
    padding: 'same',
    activation: null,
    kernelInitializer: initializer(),
  });
  const logits = spatialSqueeze(net, `${logitsScope}/SpatialSqueeze`);
  endPoints['Logits'] = logits;
  endPoints['Predictions'] = softmax(logits, `${SCOPE}/Predictions`);

  const model = tf.model({ name: SCOPE, inputs: input, outputs: logits });
  return { model, endPoints, variables: collectSlimVariables(model) };
}

export const mobilenetV1: NetDef = {
  name: 'mobilenet_v1',
  scope: SCOPE,
  defaultImageSize: DEFAULT_IMAGE_SIZE,
  preprocessing: 'inception',
  headScopes: [`${SCOPE}/Logits`],
  build: buildMobilenetV1,
};
