// MobileNetV2 as TF-Slim's nets/mobilenet/mobilenet_v2.py builds it (V2_DEF), with Slim's variable names.
//
// Padding: Slim uses 'SAME' everywhere. Keras' MobileNetV2 (the nsfwjs weights) writes its stride-2 convs as
// ZeroPadding2D(correct_pad) + 'valid'; correct_pad pads (0,1) on even inputs and (1,1) on odd ones, which
// is exactly what TF's 'SAME' pads for a 3x3 stride-2 window. So 'SAME' here is faithful to the Slim graph
// and computes the same numbers as the Keras graph; the proof test checks this on the embedded weights.
import * as tf from '@tensorflow/tfjs';
import type { Net, NetDef, NetOptions } from '../net-def';
import { resolveNetOptions } from './resolve-net-options';
import {
  add,
  avgPool,
  convBn,
  depthwiseBn,
  dropout,
  logitsConv,
  softmax,
  spatialSize,
  spatialSqueeze,
  type BatchNormSettings,
} from '../slim-layers';
import { collectSlimVariables } from './slim-variables';
import { makeDivisible } from './make-divisible';

const SCOPE = 'MobilenetV2';

/** mobilenet.training_scope: bn_decay 0.997; slim.batch_norm's default epsilon 0.001 (Keras uses 1e-3 too). */
const BATCH_NORM: BatchNormSettings = { scale: true, epsilon: 0.001, decay: 0.997 };
/** mobilenet.training_scope: truncated normal, stddev 0.09, for every conv including the logits. */
const WEIGHT_STDDEV = 0.09;
/** mobilenet.training_scope's dropout_keep_prob. */
const DROPOUT_KEEP_PROB = 0.8;
/** Slim's depth_multiplier(): multiples of 8, at least 8. */
const DIVISIBLE_BY = 8;
const MIN_DEPTH = 8;

/** V2_DEF's expanded_conv ops: [stride, num_outputs, expansion factor]. */
const BLOCKS: ReadonlyArray<readonly [number, number, number]> = [
  [1, 16, 1],
  [2, 24, 6],
  [1, 24, 6],
  [2, 32, 6],
  [1, 32, 6],
  [1, 32, 6],
  [2, 64, 6],
  [1, 64, 6],
  [1, 64, 6],
  [1, 64, 6],
  [1, 96, 6],
  [1, 96, 6],
  [1, 96, 6],
  [2, 160, 6],
  [1, 160, 6],
  [1, 160, 6],
  [1, 320, 6],
];
const FIRST_CONV_DEPTH = 32;
/** Scaled by the multiplier too: Slim's default finegrain_classification_mode=False (Keras keeps 1280 below 1.0). */
const LAST_CONV_DEPTH = 1280;

/** Slim scopes number repeated ops from the second one on: expanded_conv, expanded_conv_1, … */
function blockScope(index: number): string {
  return index === 0 ? `${SCOPE}/expanded_conv` : `${SCOPE}/expanded_conv_${index}`;
}

function build(options: NetOptions): Net {
  const opts = resolveNetOptions(options, {
    net: 'mobilenet_v2',
    defaultImageSize: 224,
    minImageSize: 32,
    defaultDropoutKeepProb: DROPOUT_KEEP_PROB,
    acceptsDepthMultiplier: true,
  });
  const depth = (d: number) => makeDivisible(d * opts.depthMultiplier, DIVISIBLE_BY, MIN_DEPTH);
  const initializer = tf.initializers.truncatedNormal({ stddev: WEIGHT_STDDEV });
  const conv = { padding: 'same' as const, initializer, batchNorm: BATCH_NORM };
  const endPoints: Record<string, tf.SymbolicTensor> = {};

  const input = tf.input({ shape: [opts.imageSize, opts.imageSize, 3], name: 'input' });
  let net = convBn(input, `${SCOPE}/Conv`, {
    ...conv,
    filters: depth(FIRST_CONV_DEPTH),
    kernel: [3, 3],
    stride: 2,
    activation: 'relu6',
  });
  let channels = depth(FIRST_CONV_DEPTH);
  endPoints.layer_1 = net;

  BLOCKS.forEach(([stride, outputs, factor], i) => {
    const scope = blockScope(i);
    const layer = `layer_${i + 2}`;
    // expand_input_by_factor(6) rounds to 8; the first block's expand_input(1, divisible_by=1) keeps the input
    // size, and Slim only builds an 'expand' conv when it would widen the input.
    const inner = factor === 1 ? makeDivisible(channels, 1) : makeDivisible(channels * factor, DIVISIBLE_BY);
    let x = net;
    if (inner > channels) {
      x = convBn(x, `${scope}/expand`, { ...conv, filters: inner, kernel: [1, 1], activation: 'relu6' });
      endPoints[`${layer}/expansion_output`] = x;
    }
    x = depthwiseBn(x, `${scope}/depthwise`, { ...conv, kernel: [3, 3], stride, activation: 'relu6' });
    endPoints[`${layer}/depthwise_output`] = x;
    const out = depth(outputs);
    x = convBn(x, `${scope}/project`, { ...conv, filters: out, kernel: [1, 1], activation: null });
    if (stride === 1 && out === channels) x = add([x, net], `${scope}/add`);
    endPoints[layer] = x;
    endPoints[`${layer}/output`] = x;
    net = x;
    channels = out;
  });

  net = convBn(net, `${SCOPE}/Conv_1`, {
    ...conv,
    filters: depth(LAST_CONV_DEPTH),
    kernel: [1, 1],
    activation: 'relu6',
  });
  endPoints[`layer_${BLOCKS.length + 2}`] = net;

  // mobilenet.global_pool: an avg_pool over the whole map, [N,1,1,C].
  net = avgPool(net, `${SCOPE}/Logits/AvgPool`, spatialSize(net), 1, 'valid');
  endPoints.global_pool = net;
  net = dropout(net, `${SCOPE}/Logits/Dropout`, opts.dropoutKeepProb);
  net = logitsConv(net, `${SCOPE}/Logits/Conv2d_1c_1x1`, opts.numClasses, initializer);
  const logits = spatialSqueeze(net, `${SCOPE}/Logits/output`);
  endPoints.Logits = logits;
  endPoints.Predictions = softmax(logits, `${SCOPE}/Predictions`);

  const model = tf.model({ name: SCOPE, inputs: input, outputs: logits });
  return { model, endPoints, variables: collectSlimVariables(model) };
}

export const mobilenetV2: NetDef = {
  name: 'mobilenet_v2',
  scope: SCOPE,
  defaultImageSize: 224,
  preprocessing: 'inception',
  headScopes: [`${SCOPE}/Logits`],
  build,
};
