// ResNet-50 v1 as TF-Slim's nets/resnet_v1.py resnet_v1_50 builds it, with its checkpoint variable names.
import * as tf from '@tensorflow/tfjs';
import type { Net, NetDef, NetOptions } from '../net-def';
import { type BatchNormSpec, globalAveragePool, slimConv2d, slimConv2dSame, softmax, spatialSqueeze } from './layers-helpers';
import { resolveNetOptions } from './resolve-net-options';
import { collectSlimVariables } from './slim-variables';

type Tensor = tf.SymbolicTensor;

const SCOPE = 'resnet_v1_50';
const DEFAULT_IMAGE_SIZE = 224;
/** Total stride is 32 (global pooling takes any map size, but smaller inputs leave nothing to pool). */
const MIN_IMAGE_SIZE = 32;
/** resnet_v1_50's min_base_depth for depth_multiplier. */
const MIN_BASE_DEPTH = 8;

/** resnet_arg_scope: batch_norm_scale=True (checkpoints hold BatchNorm/gamma), decay 0.997, epsilon 1e-5. */
const BATCH_NORM: BatchNormSpec = { epsilon: 1e-5, decay: 0.997, scale: true };

/**
 * resnet_v1_50's blocks. resnet_v1_block puts the block's stride in its LAST unit (v1 of Slim, unlike
 * the original paper which strides in the first), and block4 has stride 1.
 */
const BLOCKS: ReadonlyArray<{ name: string; baseDepth: number; units: number; stride: number }> = [
  { name: 'block1', baseDepth: 64, units: 3, stride: 2 },
  { name: 'block2', baseDepth: 128, units: 4, stride: 2 },
  { name: 'block3', baseDepth: 256, units: 6, stride: 2 },
  { name: 'block4', baseDepth: 512, units: 3, stride: 1 },
];

/**
 * resnet_arg_scope's weights_initializer, slim.variance_scaling_initializer(): factor 2, FAN_IN, truncated
 * normal with stddev sqrt(1.3 * 2 / fan_in). tfjs's 'normal' is truncated without the 1.3, hence 2.6.
 */
const kernelInitializer = () => tf.initializers.varianceScaling({ scale: 2.6, mode: 'fanIn', distribution: 'normal' });

interface BottleneckSpec {
  scope: string;
  depth: number;
  depthBottleneck: number;
  stride: number;
}

/** resnet_v1.bottleneck; every conv output and the unit output are Slim end points. */
function bottleneck(input: Tensor, spec: BottleneckSpec, endPoints: Record<string, Tensor>): Tensor {
  const { scope, depth, depthBottleneck, stride } = spec;
  const depthIn = input.shape[3] as number;
  let shortcut: Tensor;
  if (depthIn === depth) {
    // resnet_utils.subsample: a 1x1 max pool with the stride, or the input itself.
    shortcut =
      stride === 1
        ? input
        : (tf.layers.maxPooling2d({ name: `${scope}/shortcut`, poolSize: 1, strides: stride, padding: 'same' }).apply(input) as Tensor);
  } else {
    shortcut = slimConv2d(input, {
      scope: `${scope}/shortcut`,
      filters: depth,
      kernelSize: 1,
      strides: stride,
      padding: 'same',
      activation: null,
      batchNorm: BATCH_NORM,
      kernelInitializer: kernelInitializer(),
    });
    endPoints[`${scope}/shortcut`] = shortcut;
  }
  const common = { batchNorm: BATCH_NORM } as const;
  let residual = slimConv2d(input, {
    ...common,
    scope: `${scope}/conv1`,
    filters: depthBottleneck,
    kernelSize: 1,
    padding: 'same',
    activation: 'relu',
    kernelInitializer: kernelInitializer(),
  });
  endPoints[`${scope}/conv1`] = residual;
  residual = slimConv2dSame(residual, {
    ...common,
    scope: `${scope}/conv2`,
    filters: depthBottleneck,
    kernelSize: 3,
    strides: stride,
    activation: 'relu',
    kernelInitializer: kernelInitializer(),
  });
  endPoints[`${scope}/conv2`] = residual;
  residual = slimConv2d(residual, {
    ...common,
    scope: `${scope}/conv3`,
    filters: depth,
    kernelSize: 1,
    padding: 'same',
    activation: null,
    kernelInitializer: kernelInitializer(),
  });
  endPoints[`${scope}/conv3`] = residual;
  const sum = tf.layers.add({ name: `${scope}/add` }).apply([shortcut, residual]) as Tensor;
  const output = tf.layers.activation({ name: `${scope}/Relu`, activation: 'relu' }).apply(sum) as Tensor;
  endPoints[scope] = output;
  return output;
}

function buildResnetV1_50(options: NetOptions): Net {
  const { numClasses, imageSize, depthMultiplier } = resolveNetOptions(options, {
    net: SCOPE,
    defaultImageSize: DEFAULT_IMAGE_SIZE,
    minImageSize: MIN_IMAGE_SIZE,
    defaultDropoutKeepProb: null,
    acceptsDepthMultiplier: true,
  });
  const endPoints: Record<string, Tensor> = {};
  const input = tf.input({ name: `${SCOPE}/input`, shape: [imageSize, imageSize, 3] });

  let net = slimConv2dSame(input, {
    scope: `${SCOPE}/conv1`,
    filters: 64,
    kernelSize: 7,
    strides: 2,
    activation: 'relu',
    batchNorm: BATCH_NORM,
    kernelInitializer: kernelInitializer(),
  });
  endPoints[`${SCOPE}/conv1`] = net;
  // resnet_arg_scope sets max_pool2d padding to SAME.
  net = tf.layers.maxPooling2d({ name: `${SCOPE}/pool1`, poolSize: 3, strides: 2, padding: 'same' }).apply(net) as Tensor;

  for (const block of BLOCKS) {
    const baseDepth = Math.max(Math.trunc(block.baseDepth * depthMultiplier), MIN_BASE_DEPTH);
    for (let unit = 1; unit <= block.units; unit++) {
      net = bottleneck(
        net,
        {
          scope: `${SCOPE}/${block.name}/unit_${unit}/bottleneck_v1`,
          depth: baseDepth * 4,
          depthBottleneck: baseDepth,
          stride: unit === block.units ? block.stride : 1,
        },
        endPoints,
      );
    }
    endPoints[`${SCOPE}/${block.name}`] = net;
  }

  net = globalAveragePool(net, `${SCOPE}/pool5`);
  endPoints['global_pool'] = net;
  net = slimConv2d(net, {
    scope: `${SCOPE}/logits`,
    filters: numClasses,
    kernelSize: 1,
    padding: 'same',
    activation: null,
    kernelInitializer: kernelInitializer(),
  });
  endPoints[`${SCOPE}/logits`] = net;
  const logits = spatialSqueeze(net, `${SCOPE}/SpatialSqueeze`);
  endPoints[`${SCOPE}/spatial_squeeze`] = logits;
  endPoints['predictions'] = softmax(logits, `${SCOPE}/predictions`);

  const model = tf.model({ name: SCOPE, inputs: input, outputs: logits });
  return { model, endPoints, variables: collectSlimVariables(model) };
}

export const resnetV1_50: NetDef = {
  name: 'resnet_v1_50',
  scope: SCOPE,
  defaultImageSize: DEFAULT_IMAGE_SIZE,
  // nets_factory/preprocessing_factory map resnet_v1_50 to the vgg preprocessing.
  preprocessing: 'vgg',
  headScopes: [`${SCOPE}/logits`],
  build: buildResnetV1_50,
};
