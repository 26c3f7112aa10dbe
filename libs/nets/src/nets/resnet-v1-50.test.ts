// resnet_v1_50 against TF-Slim: output shape, checkpoint names and shapes, where the blocks stride.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Net } from '../net-def';
import { InvalidNetOptionError } from './invalid-net-option-error';
import { resnetV1_50 } from './resnet-v1-50';

describe('resnet_v1_50', () => {
  let net: Net;
  beforeAll(() => {
    net = resnetV1_50.build({ numClasses: 3, imageSize: 32 });
  });
  afterAll(() => net.model.dispose());

  const shape = (name: string) => net.variables.get(name)?.shape;
  const unit = (block: number, n: number) => `resnet_v1_50/block${block}/unit_${n}/bottleneck_v1`;

  it('resnet_v1_50 - gives logits [batch, 3] at 32 px (the smallest: total stride 32)', () => {
    const logits = net.model.predict(tf.zeros([1, 32, 32, 3])) as tf.Tensor;
    expect(logits.shape).toEqual([1, 3]);
    expect(net.endPoints['global_pool'].shape).toEqual([null, 1, 1, 2048]);
    expect(net.endPoints['resnet_v1_50/logits'].shape).toEqual([null, 1, 1, 3]);
  });

  it('resnet_v1_50 - names every variable as the TF-Slim checkpoint, once', () => {
    // conv1, 16 units of 3 convs, a shortcut conv in the first unit of each block: 5 variables each; logits 2.
    expect(net.variables.size).toBe(5 + 16 * 15 + 4 * 5 + 2);
    expect(net.model.weights).toHaveLength(net.variables.size);
    for (const name of net.variables.keys()) expect(name.startsWith('resnet_v1_50/')).toBe(true);
    expect(shape('resnet_v1_50/conv1/weights')).toEqual([7, 7, 3, 64]);
    expect(shape('resnet_v1_50/conv1/BatchNorm/gamma')).toEqual([64]);
    expect(shape(`${unit(1, 1)}/conv1/BatchNorm/gamma`)).toEqual([64]);
    expect(shape(`${unit(1, 1)}/shortcut/weights`)).toEqual([1, 1, 64, 256]);
    expect(shape(`${unit(1, 1)}/shortcut/BatchNorm/moving_variance`)).toEqual([256]);
    expect(shape(`${unit(2, 4)}/conv2/weights`)).toEqual([3, 3, 128, 128]);
    expect(shape(`${unit(4, 3)}/conv3/weights`)).toEqual([1, 1, 512, 2048]);
    expect(shape('resnet_v1_50/logits/weights')).toEqual([1, 1, 2048, 3]);
    expect(shape('resnet_v1_50/logits/biases')).toEqual([3]);
    expect(net.variables.has(`${unit(1, 2)}/shortcut/weights`)).toBe(false);
    expect(net.variables.has('resnet_v1_50/conv1/biases')).toBe(false);
  });

  it('resnet_v1_50 - strides in the last unit of each block, as Slim v1 does', () => {
    expect(net.endPoints['resnet_v1_50/conv1'].shape).toEqual([null, 16, 16, 64]);
    expect(net.endPoints[unit(1, 2)].shape).toEqual([null, 8, 8, 256]);
    expect(net.endPoints[unit(1, 3)].shape).toEqual([null, 4, 4, 256]);
    expect(net.endPoints['resnet_v1_50/block1'].shape).toEqual([null, 4, 4, 256]);
    expect(net.endPoints['resnet_v1_50/block3'].shape).toEqual([null, 1, 1, 1024]);
    expect(net.endPoints['resnet_v1_50/block4'].shape).toEqual([null, 1, 1, 2048]);
  });

  it('resnet_v1_50 - describes its head and preprocessing as nets_factory does', () => {
    expect(resnetV1_50).toMatchObject({
      name: 'resnet_v1_50',
      scope: 'resnet_v1_50',
      defaultImageSize: 224,
      preprocessing: 'vgg',
      headScopes: ['resnet_v1_50/logits'],
    });
  });

  it('resnet_v1_50 - rejects a dropout keep probability, which the net does not have', () => {
    expect(() => resnetV1_50.build({ numClasses: 3, dropoutKeepProb: 0.5 })).toThrow(InvalidNetOptionError);
  });
});
