import { describe, expect, it } from 'vitest';
import { inceptionV3 } from './inception-v3';
import { InvalidNetOptionError } from './invalid-net-option-error';

describe('inception_v3', () => {
  it('inception_v3 - at 299 it has the reference checkpoint\'s 388 variables, AuxLogits 5x5, no gamma', () => {
    const net = inceptionV3.build({ numClasses: 1001 });
    expect(net.variables.size).toBe(388);
    expect(net.variables.get('InceptionV3/AuxLogits/Conv2d_2a_5x5/weights')?.shape).toEqual([5, 5, 128, 768]);
    expect(net.variables.get('InceptionV3/Mixed_5c/Branch_1/Conv_1_0c_5x5/weights')?.shape).toEqual([5, 5, 48, 64]);
    expect(net.variables.get('InceptionV3/Mixed_6a/Branch_0/Conv2d_1a_1x1/weights')?.shape).toEqual([3, 3, 288, 384]);
    expect(net.variables.get('InceptionV3/Mixed_7b/Branch_1/Conv2d_0b_3x1/weights')?.shape).toEqual([3, 1, 384, 384]);
    expect(net.variables.get('InceptionV3/Mixed_7c/Branch_1/Conv2d_0c_3x1/weights')?.shape).toEqual([3, 1, 384, 384]);
    expect([...net.variables.keys()].filter((n) => n.endsWith('/gamma'))).toEqual([]);
    expect(net.endPoints.Mixed_7c.shape).toEqual([null, 8, 8, 2048]);
    expect(net.endPoints.PreLogits.shape).toEqual([null, 1, 1, 2048]);
    expect(net.model.outputs.map((o) => o.shape)).toEqual([[null, 1001], [null, 1001]]);
    net.model.dispose();
  });

  it('inception_v3 - rejects sizes the aux head or the 8x8 logits pool cannot take', () => {
    expect(() => inceptionV3.build({ numClasses: 2, imageSize: 106 })).toThrow(InvalidNetOptionError);
    expect(() => inceptionV3.build({ numClasses: 2, imageSize: 331 })).toThrow(/at most 330/);
  });
});
