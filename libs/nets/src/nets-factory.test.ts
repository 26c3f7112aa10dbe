import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnknownModelError } from './errors';
import type { NetName, NetOptions } from './net-def';
import { getNet, netNames } from './nets-factory';
import { useWasm } from './testing';

const CLASSES = 3;
/** Small builds that keep the whole loop to seconds; nets absent here build at their default size. */
const SMALL: Partial<Record<NetName, Omit<NetOptions, 'numClasses'>>> = {
  inception_v3: { imageSize: 139 },
  mobilenet_v1: { imageSize: 96, depthMultiplier: 0.25 },
  mobilenet_v2: { imageSize: 96, depthMultiplier: 0.25 },
  resnet_v1_50: { imageSize: 64 },
};
/** vgg_16 cannot be small (fc6 is a 7x7 conv over pool5, so 224 pixels and 138M weights): its shapes are checked symbolically. */
const NO_FORWARD_PASS: readonly NetName[] = ['vgg_16'];
/** Known Slim checkpoint names and their shapes at the SMALL settings. */
const KNOWN: Partial<Record<NetName, Record<string, number[]>>> = {
  inception_v3: {
    'InceptionV3/Conv2d_1a_3x3/weights': [3, 3, 3, 32],
    'InceptionV3/Mixed_5b/Branch_1/Conv2d_0b_5x5/weights': [5, 5, 48, 64],
    'InceptionV3/Mixed_5b/Branch_1/Conv2d_0b_5x5/BatchNorm/moving_mean': [64],
    'InceptionV3/Mixed_5b/Branch_1/Conv2d_0b_5x5/BatchNorm/beta': [64],
    'InceptionV3/Mixed_6b/Branch_1/Conv2d_0b_1x7/weights': [1, 7, 128, 128],
    'InceptionV3/Mixed_7c/Branch_2/Conv2d_0d_3x1/weights': [3, 1, 384, 384],
    'InceptionV3/Logits/Conv2d_1c_1x1/weights': [1, 1, 2048, CLASSES],
    'InceptionV3/Logits/Conv2d_1c_1x1/biases': [CLASSES],
    'InceptionV3/AuxLogits/Conv2d_1b_1x1/weights': [1, 1, 768, 128],
    // Mixed_6e is 7x7 at 139 pixels: the aux pool leaves 1x1, so Slim names the conv Conv2d_2a_1x1.
    'InceptionV3/AuxLogits/Conv2d_2a_1x1/weights': [1, 1, 128, 768],
    'InceptionV3/AuxLogits/Conv2d_2b_1x1/weights': [1, 1, 768, CLASSES],
    'InceptionV3/AuxLogits/Conv2d_2b_1x1/biases': [CLASSES],
  },
  mobilenet_v1: {
    'MobilenetV1/Conv2d_0/weights': [3, 3, 3, 8],
    'MobilenetV1/Conv2d_1_depthwise/depthwise_weights': [3, 3, 8, 1],
    'MobilenetV1/Conv2d_1_pointwise/weights': [1, 1, 8, 16],
    'MobilenetV1/Logits/Conv2d_1c_1x1/weights': [1, 1, 256, CLASSES],
  },
  resnet_v1_50: {
    'resnet_v1_50/conv1/weights': [7, 7, 3, 64],
    'resnet_v1_50/conv1/BatchNorm/gamma': [64],
    'resnet_v1_50/block1/unit_1/bottleneck_v1/shortcut/weights': [1, 1, 64, 256],
    'resnet_v1_50/block4/unit_3/bottleneck_v1/conv3/weights': [1, 1, 512, 2048],
    'resnet_v1_50/logits/weights': [1, 1, 2048, CLASSES],
    'resnet_v1_50/logits/biases': [CLASSES],
  },
  vgg_16: {
    'vgg_16/conv1/conv1_1/weights': [3, 3, 3, 64],
    'vgg_16/conv1/conv1_1/biases': [64],
    'vgg_16/fc6/weights': [7, 7, 512, 4096],
    'vgg_16/fc8/weights': [1, 1, 4096, CLASSES],
    'vgg_16/fc8/biases': [CLASSES],
  },
  mobilenet_v2: {
    'MobilenetV2/Conv/weights': [3, 3, 3, 8],
    'MobilenetV2/Conv/BatchNorm/gamma': [8],
    'MobilenetV2/expanded_conv/depthwise/depthwise_weights': [3, 3, 8, 1],
    'MobilenetV2/expanded_conv/project/weights': [1, 1, 8, 8],
    'MobilenetV2/expanded_conv_3/expand/weights': [1, 1, 8, 48],
    'MobilenetV2/expanded_conv_3/project/BatchNorm/gamma': [8],
    'MobilenetV2/Conv_1/weights': [1, 1, 80, 320],
    'MobilenetV2/Logits/Conv2d_1c_1x1/weights': [1, 1, 320, CLASSES],
    'MobilenetV2/Logits/Conv2d_1c_1x1/biases': [CLASSES],
  },
};

describe('nets factory', () => {
  beforeAll(useWasm);

  it('nets factory - an unknown model is an UnknownModelError listing the known ones', () => {
    expect(() => getNet('inception_v4')).toThrow(UnknownModelError);
    expect(() => getNet('inception_v4')).toThrow(`--model_name=inception_v4: unknown model; known models: ${netNames().join(', ')}`);
    expect(() => getNet('constructor')).toThrow(UnknownModelError);
  });

  for (const name of netNames()) {
    it(`nets factory - ${name} builds for ${CLASSES} classes with unique Slim names under its scope`, () => {
      const def = getNet(name);
      expect(def.name).toBe(name);
      const size = SMALL[name]?.imageSize ?? def.defaultImageSize;
      const net = def.build({ numClasses: CLASSES, ...SMALL[name] });
      try {
        for (const output of net.model.outputs) expect(output.shape).toEqual([null, CLASSES]);
        if (!NO_FORWARD_PASS.includes(name)) {
          const outputs = tf.tidy(() => {
            const out = net.model.predict(tf.zeros([1, size, size, 3]));
            return (Array.isArray(out) ? out : [out]).map((t) => t.shape);
          });
          for (const shape of outputs) expect(shape).toEqual([1, CLASSES]);
        }

        const names = [...net.variables.keys()];
        expect(names.filter((n) => !n.startsWith(`${def.scope}/`))).toEqual([]);
        expect(net.variables.size).toBe(net.model.weights.length); // no two weights share a name
        for (const head of def.headScopes) expect(names.some((n) => n.startsWith(head))).toBe(true);
        for (const [known, shape] of Object.entries(KNOWN[name] ?? {})) {
          expect(net.variables.get(known)?.shape, known).toEqual(shape);
        }
      } finally {
        net.model.dispose();
      }
    });
  }

  it('nets factory - building twice keeps the Slim names (tfjs suffixes LayerVariable.name, not these)', () => {
    const a = getNet('mobilenet_v2').build({ numClasses: 2, imageSize: 32, depthMultiplier: 0.35 });
    const b = getNet('mobilenet_v2').build({ numClasses: 2, imageSize: 32, depthMultiplier: 0.35 });
    expect([...b.variables.keys()]).toEqual([...a.variables.keys()]);
    expect(b.variables.get('MobilenetV2/Conv/weights')!.name).not.toBe(a.variables.get('MobilenetV2/Conv/weights')!.name);
    a.model.dispose();
    b.model.dispose();
  });
});
