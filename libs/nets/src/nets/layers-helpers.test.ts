// Checks the Slim layer idioms that differ from plain tfjs, such as conv2d_same's symmetric padding.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { slimConv2dSame } from './layers-helpers';

describe('layers helpers', () => {
  it('layers helpers - conv2d_same pads both sides by (k-1)/2 when striding, as resnet_utils does', () => {
    // On a 4x4 input, TF's SAME with stride 2 pads only bottom/right, so output (0, 0) would cover a full
    // 3x3 window (9); Slim's explicit padding of 1 on every side leaves 2x2 inputs in it (4).
    const input = tf.input({ shape: [4, 4, 1] });
    const output = slimConv2dSame(input, {
      scope: 'Test/conv1',
      filters: 1,
      kernelSize: 3,
      strides: 2,
      activation: null,
      kernelInitializer: tf.initializers.ones(),
    });
    const model = tf.model({ inputs: input, outputs: output });
    const result = model.predict(tf.ones([1, 4, 4, 1])) as tf.Tensor;
    expect(result.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(result.dataSync())).toEqual([4, 6, 6, 9]);
    model.dispose();
  });
});
