// Inception V3 as TF-Slim's nets/inception_v3.py builds it, AuxLogits included, with Slim's variable names.
//
// Scope names are copied from the reference, quirks included (Mixed_5c's `Conv2d_0b_1x1`/`Conv_1_0c_5x5`,
// Mixed_6a's 3x3 `Conv2d_1a_1x1`, Mixed_7b's `Conv2d_0b_3x1` vs Mixed_7c's `Conv2d_0c_3x1`): checkpoints
// are keyed by them. Keras' InceptionV3 has the same layers and paddings, so its weights map one to one.
import * as tf from '@tensorflow/tfjs';
import { InvalidNetOptionError } from './invalid-net-option-error';
import type { Net, NetDef, NetOptions } from '../net-def';
import { resolveNetOptions } from './resolve-net-options';
import {
  avgPool,
  concat,
  convBn,
  dropout,
  logitsConv,
  maxPool,
  softmax,
  spatialSize,
  spatialSqueeze,
  type BatchNormSettings,
  type Initializer,
} from '../slim-layers';
import { collectSlimVariables } from './slim-variables';

const SCOPE = 'InceptionV3';

/** inception_utils.inception_arg_scope: decay 0.9997, epsilon 0.001, scale=False (no gamma). */
const BATCH_NORM: BatchNormSettings = { scale: false, epsilon: 0.001, decay: 0.9997 };
/** inception_v3's dropout_keep_prob. */
const DROPOUT_KEEP_PROB = 0.8;
/** inception_v3's min_depth: depth(d) = max(int(d * depth_multiplier), 16). */
const MIN_DEPTH = 16;
/** AuxLogits' avg_pool [5,5] stride 3 VALID needs Mixed_6e at least 5x5, i.e. a 107-pixel image. */
const MIN_IMAGE_SIZE = 107;
/** Beyond this Mixed_7c is 9x9 and the Logits' 8x8 VALID pool no longer yields 1x1. */
const MAX_IMAGE_SIZE = 330;
/** Logits' avg pool kernel before _reduced_kernel_size_for_small_input. */
const LOGITS_POOL = 8;

type Padding = 'same' | 'valid';

/** One builder per net, holding the multiplier and initializers so the block code reads like the reference. */
class Builder {
  readonly endPoints: Record<string, tf.SymbolicTensor> = {};
  /** variance_scaling_initializer(): factor 2, FAN_IN, truncated normal. */
  readonly initializer: Initializer = tf.initializers.varianceScaling({
    scale: 2,
    mode: 'fanIn',
    distribution: 'truncatedNormal',
  });

  constructor(private readonly depthMultiplier: number) {}

  depth(d: number): number {
    return Math.max(Math.trunc(d * this.depthMultiplier), MIN_DEPTH);
  }

  conv(
    x: tf.SymbolicTensor,
    scope: string,
    filters: number,
    kernel: [number, number],
    stride = 1,
    padding: Padding = 'same',
    initializer: Initializer = this.initializer,
  ): tf.SymbolicTensor {
    return convBn(x, scope, {
      filters: this.depth(filters),
      kernel,
      stride,
      padding,
      activation: 'relu',
      initializer,
      batchNorm: BATCH_NORM,
    });
  }

  /** Mixed_5b/5c/5d (35x35): 1x1 | 1x1-5x5 | 1x1-3x3-3x3 | avgpool-1x1. */
  mixed5(x: tf.SymbolicTensor, name: string, poolDepth: number): tf.SymbolicTensor {
    const s = `${SCOPE}/${name}`;
    // Mixed_5c's Branch_1 has odd names in the reference checkpoint; keep them.
    const [b1a, b1b] = name === 'Mixed_5c' ? ['Conv2d_0b_1x1', 'Conv_1_0c_5x5'] : ['Conv2d_0a_1x1', 'Conv2d_0b_5x5'];
    const b0 = this.conv(x, `${s}/Branch_0/Conv2d_0a_1x1`, 64, [1, 1]);
    let b1 = this.conv(x, `${s}/Branch_1/${b1a}`, 48, [1, 1]);
    b1 = this.conv(b1, `${s}/Branch_1/${b1b}`, 64, [5, 5]);
    let b2 = this.conv(x, `${s}/Branch_2/Conv2d_0a_1x1`, 64, [1, 1]);
    b2 = this.conv(b2, `${s}/Branch_2/Conv2d_0b_3x3`, 96, [3, 3]);
    b2 = this.conv(b2, `${s}/Branch_2/Conv2d_0c_3x3`, 96, [3, 3]);
    let b3 = avgPool(x, `${s}/Branch_3/AvgPool_0a_3x3`, 3, 1, 'same');
    b3 = this.conv(b3, `${s}/Branch_3/Conv2d_0b_1x1`, poolDepth, [1, 1]);
    return this.endPoint(name, concat([b0, b1, b2, b3], `${s}/concat`));
  }

  /** Mixed_6a: 35x35 -> 17x17. */
  mixed6a(x: tf.SymbolicTensor): tf.SymbolicTensor {
    const s = `${SCOPE}/Mixed_6a`;
    const b0 = this.conv(x, `${s}/Branch_0/Conv2d_1a_1x1`, 384, [3, 3], 2, 'valid');
    let b1 = this.conv(x, `${s}/Branch_1/Conv2d_0a_1x1`, 64, [1, 1]);
    b1 = this.conv(b1, `${s}/Branch_1/Conv2d_0b_3x3`, 96, [3, 3]);
    b1 = this.conv(b1, `${s}/Branch_1/Conv2d_1a_1x1`, 96, [3, 3], 2, 'valid');
    const b2 = maxPool(x, `${s}/Branch_2/MaxPool_1a_3x3`, 3, 2, 'valid');
    return this.endPoint('Mixed_6a', concat([b0, b1, b2], `${s}/concat`));
  }

  /** Mixed_6b..6e (17x17) with factorised 7x7 convs of width c7. */
  mixed6(x: tf.SymbolicTensor, name: string, c7: number): tf.SymbolicTensor {
    const s = `${SCOPE}/${name}`;
    const b0 = this.conv(x, `${s}/Branch_0/Conv2d_0a_1x1`, 192, [1, 1]);
    let b1 = this.conv(x, `${s}/Branch_1/Conv2d_0a_1x1`, c7, [1, 1]);
    b1 = this.conv(b1, `${s}/Branch_1/Conv2d_0b_1x7`, c7, [1, 7]);
    b1 = this.conv(b1, `${s}/Branch_1/Conv2d_0c_7x1`, 192, [7, 1]);
    let b2 = this.conv(x, `${s}/Branch_2/Conv2d_0a_1x1`, c7, [1, 1]);
    b2 = this.conv(b2, `${s}/Branch_2/Conv2d_0b_7x1`, c7, [7, 1]);
    b2 = this.conv(b2, `${s}/Branch_2/Conv2d_0c_1x7`, c7, [1, 7]);
    b2 = this.conv(b2, `${s}/Branch_2/Conv2d_0d_7x1`, c7, [7, 1]);
    b2 = this.conv(b2, `${s}/Branch_2/Conv2d_0e_1x7`, 192, [1, 7]);
    let b3 = avgPool(x, `${s}/Branch_3/AvgPool_0a_3x3`, 3, 1, 'same');
    b3 = this.conv(b3, `${s}/Branch_3/Conv2d_0b_1x1`, 192, [1, 1]);
    return this.endPoint(name, concat([b0, b1, b2, b3], `${s}/concat`));
  }

  /** Mixed_7a: 17x17 -> 8x8. */
  mixed7a(x: tf.SymbolicTensor): tf.SymbolicTensor {
    const s = `${SCOPE}/Mixed_7a`;
    let b0 = this.conv(x, `${s}/Branch_0/Conv2d_0a_1x1`, 192, [1, 1]);
    b0 = this.conv(b0, `${s}/Branch_0/Conv2d_1a_3x3`, 320, [3, 3], 2, 'valid');
    let b1 = this.conv(x, `${s}/Branch_1/Conv2d_0a_1x1`, 192, [1, 1]);
    b1 = this.conv(b1, `${s}/Branch_1/Conv2d_0b_1x7`, 192, [1, 7]);
    b1 = this.conv(b1, `${s}/Branch_1/Conv2d_0c_7x1`, 192, [7, 1]);
    b1 = this.conv(b1, `${s}/Branch_1/Conv2d_1a_3x3`, 192, [3, 3], 2, 'valid');
    const b2 = maxPool(x, `${s}/Branch_2/MaxPool_1a_3x3`, 3, 2, 'valid');
    return this.endPoint('Mixed_7a', concat([b0, b1, b2], `${s}/concat`));
  }

  /** Mixed_7b/7c (8x8) with split 1x3/3x1 branches. */
  mixed7(x: tf.SymbolicTensor, name: string): tf.SymbolicTensor {
    const s = `${SCOPE}/${name}`;
    // The reference names Branch_1's 3x1 conv differently in the two blocks.
    const b1Tall = name === 'Mixed_7b' ? 'Conv2d_0b_3x1' : 'Conv2d_0c_3x1';
    const b0 = this.conv(x, `${s}/Branch_0/Conv2d_0a_1x1`, 320, [1, 1]);
    const b1 = this.conv(x, `${s}/Branch_1/Conv2d_0a_1x1`, 384, [1, 1]);
    const b1Split = concat(
      [this.conv(b1, `${s}/Branch_1/Conv2d_0b_1x3`, 384, [1, 3]), this.conv(b1, `${s}/Branch_1/${b1Tall}`, 384, [3, 1])],
      `${s}/Branch_1/concat`,
    );
    let b2 = this.conv(x, `${s}/Branch_2/Conv2d_0a_1x1`, 448, [1, 1]);
    b2 = this.conv(b2, `${s}/Branch_2/Conv2d_0b_3x3`, 384, [3, 3]);
    const b2Split = concat(
      [this.conv(b2, `${s}/Branch_2/Conv2d_0c_1x3`, 384, [1, 3]), this.conv(b2, `${s}/Branch_2/Conv2d_0d_3x1`, 384, [3, 1])],
      `${s}/Branch_2/concat`,
    );
    let b3 = avgPool(x, `${s}/Branch_3/AvgPool_0a_3x3`, 3, 1, 'same');
    b3 = this.conv(b3, `${s}/Branch_3/Conv2d_0b_1x1`, 192, [1, 1]);
    return this.endPoint(name, concat([b0, b1Split, b2Split, b3], `${s}/concat`));
  }

  /** inception_v3_base: the stem (VALID unless noted) and the eleven mixed blocks. */
  base(input: tf.SymbolicTensor): tf.SymbolicTensor {
    const s = SCOPE;
    let net = this.endPoint('Conv2d_1a_3x3', this.conv(input, `${s}/Conv2d_1a_3x3`, 32, [3, 3], 2, 'valid'));
    net = this.endPoint('Conv2d_2a_3x3', this.conv(net, `${s}/Conv2d_2a_3x3`, 32, [3, 3], 1, 'valid'));
    net = this.endPoint('Conv2d_2b_3x3', this.conv(net, `${s}/Conv2d_2b_3x3`, 64, [3, 3], 1, 'same'));
    net = this.endPoint('MaxPool_3a_3x3', maxPool(net, `${s}/MaxPool_3a_3x3`, 3, 2, 'valid'));
    net = this.endPoint('Conv2d_3b_1x1', this.conv(net, `${s}/Conv2d_3b_1x1`, 80, [1, 1], 1, 'valid'));
    net = this.endPoint('Conv2d_4a_3x3', this.conv(net, `${s}/Conv2d_4a_3x3`, 192, [3, 3], 1, 'valid'));
    net = this.endPoint('MaxPool_5a_3x3', maxPool(net, `${s}/MaxPool_5a_3x3`, 3, 2, 'valid'));
    net = this.mixed5(net, 'Mixed_5b', 32);
    net = this.mixed5(net, 'Mixed_5c', 64);
    net = this.mixed5(net, 'Mixed_5d', 64);
    net = this.mixed6a(net);
    net = this.mixed6(net, 'Mixed_6b', 128);
    net = this.mixed6(net, 'Mixed_6c', 160);
    net = this.mixed6(net, 'Mixed_6d', 160);
    net = this.mixed6(net, 'Mixed_6e', 192);
    net = this.mixed7a(net);
    net = this.mixed7(net, 'Mixed_7b');
    return this.mixed7(net, 'Mixed_7c');
  }

  /** The auxiliary head on Mixed_6e; its second conv's kernel (and so its name) shrinks for small inputs. */
  auxLogits(mixed6e: tf.SymbolicTensor, numClasses: number): tf.SymbolicTensor {
    const s = `${SCOPE}/AuxLogits`;
    let aux = avgPool(mixed6e, `${s}/AvgPool_1a_5x5`, 5, 3, 'valid');
    aux = this.conv(aux, `${s}/Conv2d_1b_1x1`, 128, [1, 1]);
    const [kh, kw] = reducedKernel(aux, 5);
    const init01 = tf.initializers.truncatedNormal({ stddev: 0.01 });
    aux = this.conv(aux, `${s}/Conv2d_2a_${kh}x${kw}`, 768, [kh, kw], 1, 'valid', init01);
    aux = logitsConv(aux, `${s}/Conv2d_2b_1x1`, numClasses, tf.initializers.truncatedNormal({ stddev: 0.001 }));
    return this.endPoint('AuxLogits', spatialSqueeze(aux, `${s}/SpatialSqueeze`));
  }

  endPoint(name: string, x: tf.SymbolicTensor): tf.SymbolicTensor {
    this.endPoints[name] = x;
    return x;
  }
}

/** _reduced_kernel_size_for_small_input. */
function reducedKernel(x: tf.SymbolicTensor, size: number): [number, number] {
  const [h, w] = spatialSize(x);
  return [Math.min(h, size), Math.min(w, size)];
}

function build(options: NetOptions): Net {
  const opts = resolveNetOptions(options, {
    net: 'inception_v3',
    defaultImageSize: 299,
    minImageSize: MIN_IMAGE_SIZE,
    defaultDropoutKeepProb: DROPOUT_KEEP_PROB,
    acceptsDepthMultiplier: true,
  });
  if (opts.imageSize > MAX_IMAGE_SIZE) {
    // The reference fails too: its 8x8 Logits pool then leaves a 2x2 map that tf.squeeze rejects.
    throw new InvalidNetOptionError('inception_v3', 'imageSize', opts.imageSize, `must be at most ${MAX_IMAGE_SIZE}: Mixed_7c grows beyond the 8x8 Logits pool`);
  }
  const b = new Builder(opts.depthMultiplier);
  const input = tf.input({ shape: [opts.imageSize, opts.imageSize, 3], name: 'input' });
  let net = b.base(input);
  const auxLogits = b.auxLogits(b.endPoints.Mixed_6e, opts.numClasses);

  const [kh, kw] = reducedKernel(net, LOGITS_POOL);
  net = b.endPoint('AvgPool_1a', avgPool(net, `${SCOPE}/Logits/AvgPool_1a_${kh}x${kw}`, [kh, kw], 1, 'valid'));
  net = b.endPoint('PreLogits', dropout(net, `${SCOPE}/Logits/Dropout_1b`, opts.dropoutKeepProb));
  net = logitsConv(net, `${SCOPE}/Logits/Conv2d_1c_1x1`, opts.numClasses, b.initializer);
  const logits = b.endPoint('Logits', spatialSqueeze(net, `${SCOPE}/Logits/SpatialSqueeze`));
  b.endPoint('Predictions', softmax(logits, `${SCOPE}/Predictions`));

  const model = tf.model({ name: SCOPE, inputs: input, outputs: [logits, auxLogits] });
  return { model, endPoints: b.endPoints, variables: collectSlimVariables(model) };
}

export const inceptionV3: NetDef = {
  name: 'inception_v3',
  scope: SCOPE,
  defaultImageSize: 299,
  preprocessing: 'inception',
  headScopes: [`${SCOPE}/Logits`, `${SCOPE}/AuxLogits`],
  build,
};
