import { describe, expect, it } from 'vitest';
import { InvalidNetOptionError } from './invalid-net-option-error';
import { makeDivisible } from './make-divisible';
import { mobilenetV2 } from './mobilenet-v2';

/** Shapes of published mobilenet_v2_<multiplier>_224 checkpoints (0.35 without finegrain_classification_mode). */
const PUBLISHED: Record<number, Record<string, number[]>> = {
  1.0: {
    'MobilenetV2/Conv/weights': [3, 3, 3, 32],
    'MobilenetV2/expanded_conv/depthwise/depthwise_weights': [3, 3, 32, 1],
    'MobilenetV2/expanded_conv/project/weights': [1, 1, 32, 16],
    'MobilenetV2/expanded_conv_1/expand/weights': [1, 1, 16, 96],
    'MobilenetV2/expanded_conv_3/expand/weights': [1, 1, 24, 144],
    'MobilenetV2/expanded_conv_16/project/weights': [1, 1, 960, 320],
    'MobilenetV2/Conv_1/weights': [1, 1, 320, 1280],
    'MobilenetV2/Logits/Conv2d_1c_1x1/weights': [1, 1, 1280, 10],
  },
  1.4: {
    'MobilenetV2/Conv/weights': [3, 3, 3, 48],
    'MobilenetV2/expanded_conv/project/weights': [1, 1, 48, 24],
    'MobilenetV2/expanded_conv_1/expand/weights': [1, 1, 24, 144],
    'MobilenetV2/expanded_conv_16/project/weights': [1, 1, 1344, 448],
    'MobilenetV2/Conv_1/weights': [1, 1, 448, 1792],
  },
  0.35: {
    'MobilenetV2/Conv/weights': [3, 3, 3, 16],
    'MobilenetV2/expanded_conv/project/weights': [1, 1, 16, 8],
    'MobilenetV2/expanded_conv_1/expand/weights': [1, 1, 8, 48],
    'MobilenetV2/expanded_conv_16/project/weights': [1, 1, 336, 112],
    'MobilenetV2/Conv_1/weights': [1, 1, 112, 448],
  },
};

describe('mobilenet_v2', () => {
  it('mobilenet_v2 - rounds channels like conv_blocks._make_divisible', () => {
    expect(makeDivisible(32 * 0.35, 8)).toBe(16); // rounding down to 8 would lose more than 10%
    expect(makeDivisible(16 * 0.35, 8)).toBe(8);
    expect(makeDivisible(32 * 1.4, 8)).toBe(48);
    expect(makeDivisible(16 * 1.4, 8)).toBe(24);
    expect(makeDivisible(16 * 0.75, 8)).toBe(16);
    expect(makeDivisible(32 * 0.25, 8)).toBe(8);
    expect(makeDivisible(4, 8, 8)).toBe(8);
  });

  for (const [multiplier, shapes] of Object.entries(PUBLISHED)) {
    it(`mobilenet_v2 - depth multiplier ${multiplier} has the published checkpoint's shapes`, () => {
      const net = mobilenetV2.build({ numClasses: 10, depthMultiplier: Number(multiplier), imageSize: 32 });
      for (const [name, shape] of Object.entries(shapes)) expect(net.variables.get(name)?.shape, name).toEqual(shape);
      expect(net.variables.size).toBe(262); // 52 conv/BN groups of 5 and the logits' weights and biases
      expect(net.variables.has('MobilenetV2/expanded_conv/expand/weights')).toBe(false); // expansion 1: no expand
      net.model.dispose();
    });
  }

  it('mobilenet_v2 - rejects a bad option with the option named', () => {
    expect(() => mobilenetV2.build({ numClasses: 0 })).toThrow(InvalidNetOptionError);
    expect(() => mobilenetV2.build({ numClasses: 2, depthMultiplier: 0 })).toThrow(/depthMultiplier/);
  });
});
