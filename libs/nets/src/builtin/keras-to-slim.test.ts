import { afterEach, describe, expect, it } from 'vitest';
import type { Net } from '../net-def';
import { BUILTINS } from './builtin-checkpoint';
import { kerasToSlimNames } from './keras-to-slim';
import { loadNsfwjsArtifacts, type NsfwjsModel } from './nsfwjs-artifacts';

let built: Net | undefined;
afterEach(() => built?.model.dispose());

function mapping(model: NsfwjsModel, depthMultiplier = 1): Map<string, string> {
  const { net, imageSize, slimEndPoint, kerasOutput } = BUILTINS[model];
  const artifacts = loadNsfwjsArtifacts(model);
  built = net.build({ numClasses: 2, imageSize, depthMultiplier });
  return kerasToSlimNames({ topology: artifacts.modelTopology, output: kerasOutput, weightSpecs: artifacts.weightSpecs! }, built, slimEndPoint);
}

describe('keras-to-slim', () => {
  it('keras-to-slim - pairs every MobileNetV2 backbone weight with its Slim name', () => {
    const names = mapping('mobilenet_v2');
    expect(names.size).toBe(260);
    expect(Object.fromEntries([...names].filter(([k]) => /^(Conv1|bn_Conv1|expanded_conv_depthwise|block_3_expand|block_3_project_BN|Conv_1)\//.test(k)))).toMatchObject({
      'Conv1/kernel': 'MobilenetV2/Conv/weights',
      'bn_Conv1/gamma': 'MobilenetV2/Conv/BatchNorm/gamma',
      'expanded_conv_depthwise/depthwise_kernel': 'MobilenetV2/expanded_conv/depthwise/depthwise_weights',
      'block_3_expand/kernel': 'MobilenetV2/expanded_conv_3/expand/weights',
      'block_3_project_BN/gamma': 'MobilenetV2/expanded_conv_3/project/BatchNorm/gamma',
      'block_3_project_BN/moving_variance': 'MobilenetV2/expanded_conv_3/project/BatchNorm/moving_variance',
      'Conv_1/kernel': 'MobilenetV2/Conv_1/weights',
    });
    expect([...names.keys()].some((k) => k.startsWith('dense_'))).toBe(false);
  });

  it('keras-to-slim - pairs conv2d_N/batch_normalization_N with InceptionV3 scopes, quirks included', () => {
    const names = mapping('inception_v3');
    expect(names.size).toBe(376);
    const expected: Record<string, string> = {
      'conv2d_1/kernel': 'InceptionV3/Conv2d_1a_3x3/weights',
      'conv2d_5/kernel': 'InceptionV3/Conv2d_4a_3x3/weights',
      'conv2d_8/kernel': 'InceptionV3/Mixed_5b/Branch_1/Conv2d_0b_5x5/weights',
      'batch_normalization_8/moving_mean': 'InceptionV3/Mixed_5b/Branch_1/Conv2d_0b_5x5/BatchNorm/moving_mean',
      'conv2d_14/kernel': 'InceptionV3/Mixed_5c/Branch_1/Conv2d_0b_1x1/weights',
      'conv2d_15/kernel': 'InceptionV3/Mixed_5c/Branch_1/Conv_1_0c_5x5/weights',
      'conv2d_27/kernel': 'InceptionV3/Mixed_6a/Branch_0/Conv2d_1a_1x1/weights',
      'conv2d_80/kernel': 'InceptionV3/Mixed_7b/Branch_1/Conv2d_0b_3x1/weights',
      'conv2d_89/kernel': 'InceptionV3/Mixed_7c/Branch_1/Conv2d_0c_3x1/weights',
      'batch_normalization_94/beta': 'InceptionV3/Mixed_7c/Branch_3/Conv2d_0b_1x1/BatchNorm/beta',
    };
    for (const [keras, slim] of Object.entries(expected)) expect(names.get(keras)).toBe(slim);
    expect([...names.values()].some((n) => n.endsWith('/gamma'))).toBe(false); // scale=False in both
  });

  it('keras-to-slim - refuses a net whose architecture differs (depth multiplier 0.5 vs the Keras 1.0)', () => {
    expect(() => mapping('mobilenet_v2', 0.5)).toThrow(/filters 32 vs 16|shapes differ/);
  });
});
