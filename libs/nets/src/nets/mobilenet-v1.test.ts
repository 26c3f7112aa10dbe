// mobilenet_v1 against TF-Slim: output shape, checkpoint names and shapes, parameter count, option errors.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { InvalidNetOptionError } from './invalid-net-option-error';
import { mobilenetV1 } from './mobilenet-v1';

const shapeOf = (variables: Map<string, tf.LayerVariable>, name: string) => variables.get(name)?.shape;

describe('mobilenet_v1', () => {
  it('mobilenet_v1 - gives logits [batch, 3] at depth 0.25 and 96 px', () => {
    const net = mobilenetV1.build({ numClasses: 3, imageSize: 96, depthMultiplier: 0.25 });
    const logits = net.model.predict(tf.zeros([2, 96, 96, 3])) as tf.Tensor;
    expect(logits.shape).toEqual([2, 3]);
    expect(net.model.outputs).toHaveLength(1);
    expect(net.endPoints['Conv2d_13_pointwise'].shape).toEqual([null, 3, 3, 256]);
    expect(net.endPoints['AvgPool_1a'].shape).toEqual([null, 1, 1, 256]);
    expect(net.endPoints['Logits'].shape).toEqual([null, 3]);
    net.model.dispose();
  });

  it('mobilenet_v1 - names every variable as the TF-Slim checkpoint, once', () => {
    const { model, variables } = mobilenetV1.build({ numClasses: 3, imageSize: 96, depthMultiplier: 0.25 });
    // Conv2d_0 (weights + 4 batch norm), 13 x (depthwise + pointwise) x 5, logits weights and biases.
    expect(variables.size).toBe(5 + 13 * 10 + 2);
    expect(model.weights).toHaveLength(variables.size);
    for (const name of variables.keys()) expect(name.startsWith('MobilenetV1/')).toBe(true);
    // min_depth 8 keeps Conv2d_0 at 8 channels (32 * 0.25).
    expect(shapeOf(variables, 'MobilenetV1/Conv2d_0/weights')).toEqual([3, 3, 3, 8]);
    expect(shapeOf(variables, 'MobilenetV1/Conv2d_1_depthwise/depthwise_weights')).toEqual([3, 3, 8, 1]);
    expect(shapeOf(variables, 'MobilenetV1/Conv2d_1_depthwise/BatchNorm/gamma')).toEqual([8]);
    expect(shapeOf(variables, 'MobilenetV1/Conv2d_1_pointwise/weights')).toEqual([1, 1, 8, 16]);
    expect(shapeOf(variables, 'MobilenetV1/Conv2d_13_pointwise/BatchNorm/moving_mean')).toEqual([256]);
    expect(shapeOf(variables, 'MobilenetV1/Logits/Conv2d_1c_1x1/weights')).toEqual([1, 1, 256, 3]);
    expect(shapeOf(variables, 'MobilenetV1/Logits/Conv2d_1c_1x1/biases')).toEqual([3]);
    expect(variables.has('MobilenetV1/Conv2d_0/biases')).toBe(false);
    model.dispose();
  });

  it('mobilenet_v1 - at depth 1.0 and 1001 classes has the published 4,254,889 parameters', () => {
    const { model, variables } = mobilenetV1.build({ numClasses: 1001 });
    expect(model.inputs[0].shape).toEqual([null, 224, 224, 3]);
    expect(shapeOf(variables, 'MobilenetV1/Conv2d_0/weights')).toEqual([3, 3, 3, 32]);
    expect(shapeOf(variables, 'MobilenetV1/Conv2d_13_pointwise/weights')).toEqual([1, 1, 1024, 1024]);
    expect(model.countParams()).toBe(4_254_889);
    model.dispose();
  });

  it('mobilenet_v1 - averages the whole map when it is larger than 7x7, as global_pool does', () => {
    const { model, endPoints } = mobilenetV1.build({ numClasses: 3, imageSize: 256, depthMultiplier: 0.25 });
    expect(endPoints['global_pool'].shape).toEqual([null, 1, 1, 256]);
    expect(endPoints['Logits'].shape).toEqual([null, 3]);
    model.dispose();
  });

  it('mobilenet_v1 - describes its head and preprocessing as nets_factory does', () => {
    expect(mobilenetV1).toMatchObject({
      name: 'mobilenet_v1',
      scope: 'MobilenetV1',
      defaultImageSize: 224,
      preprocessing: 'inception',
      headScopes: ['MobilenetV1/Logits'],
    });
  });

  it('mobilenet_v1 - rejects a bad class count, size or multiplier by name', () => {
    expect(() => mobilenetV1.build({ numClasses: 0 })).toThrow(InvalidNetOptionError);
    expect(() => mobilenetV1.build({ numClasses: 3, imageSize: 16 })).toThrow(/imageSize=16/);
    expect(() => mobilenetV1.build({ numClasses: 3, depthMultiplier: 0 })).toThrow(/depthMultiplier=0/);
    expect(() => mobilenetV1.build({ numClasses: 3, dropoutKeepProb: 0 })).toThrow(/dropoutKeepProb=0/);
  });
});
