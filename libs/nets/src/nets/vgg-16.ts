// VGG-16 as TF-Slim's nets/vgg.py vgg_16 builds it (fc6–fc8 as convolutions), with its checkpoint names.
import * as tf from '@tensorflow/tfjs';
import type { Net, NetDef, NetOptions } from '../net-def';
import { globalAveragePool, slimConv2d, slimDropout, spatialSqueeze } from './layers-helpers';
import { InvalidNetOptionError } from './invalid-net-option-error';
import { resolveNetOptions } from './resolve-net-options';
import { collectSlimVariables } from './slim-variables';

type Tensor = tf.SymbolicTensor;

const SCOPE = 'vgg_16';
const DEFAULT_IMAGE_SIZE = 224;
/** vgg_16's dropout_keep_prob default (dropout6 and dropout7). */
const DROPOUT_KEEP_PROB = 0.5;
/** fc6 is a 7x7 convolution over pool5 (the ImageNet fully connected layer, reshaped). */
const FC6_KERNEL = 7;
const FC_DEPTH = 4096;

/** slim.repeat blocks: (scope, number of 3x3 convs, depth), each followed by a 2x2/2 VALID max pool. */
const CONV_BLOCKS: ReadonlyArray<{ name: string; convs: number; depth: number }> = [
  { name: 'conv1', convs: 2, depth: 64 },
  { name: 'conv2', convs: 2, depth: 128 },
  { name: 'conv3', convs: 3, depth: 256 },
  { name: 'conv4', convs: 3, depth: 512 },
  { name: 'conv5', convs: 3, depth: 512 },
];

/** vgg_16's fc_conv_padding: VALID (the reference default) or SAME (Slim's fully convolutional variant). */
export type FcConvPadding = 'VALID' | 'SAME';

/** Side of pool5's map for a square input: convs keep the size, each VALID 2x2/2 pool floors it by half. */
export function vgg16Pool5Size(imageSize: number): number {
  let size = imageSize;
  for (let i = 0; i < CONV_BLOCKS.length; i++) size = Math.floor(size / 2);
  return size;
}

/**
 * Builds vgg_16. With the default VALID fc6 the input must be at least 224 (pool5 at least 7x7), as in
 * TF-Slim. When fc7's map is larger than 1x1 (inputs from 256, or SAME at 64 and up) it is averaged first,
 * which is Slim's global_pool=True; Slim's default would fail to squeeze there.
 */
export function buildVgg16(options: NetOptions, fcConvPadding: FcConvPadding = 'VALID'): Net {
  const { numClasses, imageSize, dropoutKeepProb } = resolveNetOptions(options, {
    net: SCOPE,
    defaultImageSize: DEFAULT_IMAGE_SIZE,
    minImageSize: 32,
    defaultDropoutKeepProb: DROPOUT_KEEP_PROB,
    acceptsDepthMultiplier: false,
  });
  // Checked before any weight exists: fc6 alone is 102M floats.
  if (fcConvPadding === 'VALID' && vgg16Pool5Size(imageSize) < FC6_KERNEL) {
    throw new InvalidNetOptionError(
      SCOPE,
      'imageSize',
      imageSize,
      `gives a ${vgg16Pool5Size(imageSize)}x${vgg16Pool5Size(imageSize)} pool5 map; fc6 is a ${FC6_KERNEL}x${FC6_KERNEL} VALID convolution, so use at least ${DEFAULT_IMAGE_SIZE}`,
    );
  }
  // vgg_arg_scope: relu, zero biases; slim.conv2d's default weights initializer is xavier (Glorot uniform).
  const conv = (input: Tensor, scope: string, filters: number, kernelSize: number, padding: 'same' | 'valid', linear = false) =>
    slimConv2d(input, {
      scope,
      filters,
      kernelSize,
      padding,
      activation: linear ? null : 'relu',
      kernelInitializer: tf.initializers.glorotUniform({}),
    });
  const endPoints: Record<string, Tensor> = {};
  const input = tf.input({ name: `${SCOPE}/input`, shape: [imageSize, imageSize, 3] });

  let net = input;
  CONV_BLOCKS.forEach((block, b) => {
    for (let i = 1; i <= block.convs; i++) {
      const scope = `${SCOPE}/${block.name}/${block.name}_${i}`;
      net = conv(net, scope, block.depth, 3, 'same');
      endPoints[scope] = net;
    }
    const pool = `${SCOPE}/pool${b + 1}`;
    net = tf.layers.maxPooling2d({ name: pool, poolSize: 2, strides: 2, padding: 'valid' }).apply(net) as Tensor;
    endPoints[pool] = net;
  });

  net = conv(net, `${SCOPE}/fc6`, FC_DEPTH, FC6_KERNEL, fcConvPadding === 'VALID' ? 'valid' : 'same');
  endPoints[`${SCOPE}/fc6`] = net;
  net = slimDropout(net, dropoutKeepProb, `${SCOPE}/dropout6`);
  net = conv(net, `${SCOPE}/fc7`, FC_DEPTH, 1, 'same');
  endPoints[`${SCOPE}/fc7`] = net;
  if ((net.shape[1] as number) > 1 || (net.shape[2] as number) > 1) {
    net = globalAveragePool(net, `${SCOPE}/global_pool`);
    endPoints['global_pool'] = net;
  }
  net = slimDropout(net, dropoutKeepProb, `${SCOPE}/dropout7`);
  net = conv(net, `${SCOPE}/fc8`, numClasses, 1, 'same', true);
  const logits = spatialSqueeze(net, `${SCOPE}/fc8/squeezed`);
  endPoints[`${SCOPE}/fc8`] = logits;

  const model = tf.model({ name: SCOPE, inputs: input, outputs: logits });
  return { model, endPoints, variables: collectSlimVariables(model) };
}

export const vgg16: NetDef = {
  name: 'vgg_16',
  scope: SCOPE,
  defaultImageSize: DEFAULT_IMAGE_SIZE,
  preprocessing: 'vgg',
  headScopes: [`${SCOPE}/fc8`],
  build: (options) => buildVgg16(options),
};
