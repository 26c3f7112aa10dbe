// vgg_16 against TF-Slim: size limits checked before allocation, checkpoint names and shapes, one build only.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Net } from '../net-def';
import { InvalidNetOptionError } from './invalid-net-option-error';
import { buildVgg16, vgg16, vgg16Pool5Size } from './vgg-16';

describe('vgg_16', () => {
  it('vgg_16 - rejects inputs below 224 before allocating, since fc6 is a VALID 7x7 conv', () => {
    const before = tf.memory().numTensors;
    expect(() => vgg16.build({ numClasses: 3, imageSize: 64 })).toThrow(InvalidNetOptionError);
    expect(() => vgg16.build({ numClasses: 3, imageSize: 223 })).toThrow(/imageSize=223 gives a 6x6 pool5 map/);
    expect(tf.memory().numTensors).toBe(before);
    expect(vgg16Pool5Size(224)).toBe(7);
  });

  it('vgg_16 - rejects a depth multiplier, which the net does not have', () => {
    expect(() => vgg16.build({ numClasses: 3, depthMultiplier: 0.5 })).toThrow(/depthMultiplier=0.5/);
  });

  it('vgg_16 - describes its head and preprocessing as nets_factory does', () => {
    expect(vgg16).toMatchObject({
      name: 'vgg_16',
      scope: 'vgg_16',
      defaultImageSize: 224,
      preprocessing: 'vgg',
      headScopes: ['vgg_16/fc8'],
    });
  });

  // Built once: whatever the input size, fc6 alone holds 7*7*512*4096 weights. A forward pass at 224 is
  // ~15 GFLOPs, too slow for the CPU backend here, so the pass runs at 32 px with Slim's SAME fc padding.
  describe('built once at 32 px with fc_conv_padding SAME', () => {
    let net: Net;
    beforeAll(() => {
      net = buildVgg16({ numClasses: 3, imageSize: 32 }, 'SAME');
    });
    afterAll(() => net.model.dispose());
    const shape = (name: string) => net.variables.get(name)?.shape;

    it('vgg_16 - gives logits [batch, 3]', () => {
      const logits = net.model.predict(tf.zeros([1, 32, 32, 3])) as tf.Tensor;
      expect(logits.shape).toEqual([1, 3]);
      expect(net.endPoints['vgg_16/fc7'].shape).toEqual([null, 1, 1, 4096]);
      expect(net.endPoints['vgg_16/fc8'].shape).toEqual([null, 3]);
    });

    it('vgg_16 - names every variable as the TF-Slim checkpoint, with the reference shapes', () => {
      // 13 convs and fc6-fc8, each weights and biases; no batch norm in vgg.
      expect(net.variables.size).toBe(2 * 16);
      expect(net.model.weights).toHaveLength(net.variables.size);
      for (const name of net.variables.keys()) expect(name.startsWith('vgg_16/')).toBe(true);
      expect(shape('vgg_16/conv1/conv1_1/weights')).toEqual([3, 3, 3, 64]);
      expect(shape('vgg_16/conv5/conv5_3/biases')).toEqual([512]);
      expect(shape('vgg_16/fc6/weights')).toEqual([7, 7, 512, 4096]);
      expect(shape('vgg_16/fc7/weights')).toEqual([1, 1, 4096, 4096]);
      expect(shape('vgg_16/fc8/weights')).toEqual([1, 1, 4096, 3]);
      expect(shape('vgg_16/fc8/biases')).toEqual([3]);
      // The ImageNet model's 138,357,544 less its 1000-class fc8, plus a 3-class one.
      expect(net.model.countParams()).toBe(138_357_544 - (4096 * 1000 + 1000) + (4096 * 3 + 3));
    });
  });
});
