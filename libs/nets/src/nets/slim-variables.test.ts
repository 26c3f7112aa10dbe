// The Slim name map must be the same however many times a net is built in one process.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { slimConv2d, slimDepthwiseConv2d } from './layers-helpers';
import { collectSlimVariables } from './slim-variables';

function tinyNet(): tf.LayersModel {
  const input = tf.input({ shape: [4, 4, 3] });
  const batchNorm = { epsilon: 0.001, decay: 0.9997, scale: true };
  let net = slimDepthwiseConv2d(input, {
    scope: 'Tiny/Conv2d_1_depthwise',
    kernelSize: 3,
    strides: 1,
    activation: 'relu6',
    batchNorm,
    kernelInitializer: tf.initializers.zeros(),
  });
  net = slimConv2d(net, {
    scope: 'Tiny/Logits',
    filters: 2,
    kernelSize: 1,
    padding: 'same',
    activation: null,
    kernelInitializer: tf.initializers.zeros(),
  });
  return tf.model({ inputs: input, outputs: net });
}

describe('slim variables', () => {
  it('slim variables - names weights as TF-Slim checkpoints do', () => {
    const model = tinyNet();
    const variables = collectSlimVariables(model);
    expect([...variables.keys()]).toEqual([
      'Tiny/Conv2d_1_depthwise/depthwise_weights',
      'Tiny/Conv2d_1_depthwise/BatchNorm/gamma',
      'Tiny/Conv2d_1_depthwise/BatchNorm/beta',
      'Tiny/Conv2d_1_depthwise/BatchNorm/moving_mean',
      'Tiny/Conv2d_1_depthwise/BatchNorm/moving_variance',
      'Tiny/Logits/weights',
      'Tiny/Logits/biases',
    ]);
    expect(variables.get('Tiny/Conv2d_1_depthwise/depthwise_weights')?.shape).toEqual([3, 3, 3, 1]);
    model.dispose();
  });

  it('slim variables - a second build gets the same names although tfjs suffixes its own', () => {
    const first = tinyNet();
    const second = tinyNet();
    const secondVariables = collectSlimVariables(second);
    expect([...secondVariables.keys()]).toEqual([...collectSlimVariables(first).keys()]);
    // The premise: tfjs itself has made the second set unique, e.g. '.../depthwise_kernel_1'.
    expect(second.weights.map((w) => w.name)).not.toEqual(first.weights.map((w) => w.name));
    first.dispose();
    second.dispose();
  });
});
