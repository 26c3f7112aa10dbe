// The preprocessing a net is fed: the flag, else what its weights record, else the net's own; a contradiction warns.
import { describe, expect, it } from 'vitest';
import { mobilenetV2 } from '../nets/mobilenet-v2';
import { vgg16 } from '../nets/vgg-16';
import { choosePreprocessing } from './input-of-weights';

describe('input of weights', () => {
  it('input of weights - the weights\' record wins over the net\'s own, the flag over both', () => {
    expect(choosePreprocessing(undefined, 'unit', mobilenetV2, 'builtin:mobilenet_v2')).toEqual({ preprocessing: 'unit' });
    expect(choosePreprocessing(undefined, undefined, mobilenetV2, '/ckpt/model.ckpt-1')).toEqual({ preprocessing: 'inception' });
    expect(choosePreprocessing(undefined, undefined, vgg16, '/ckpt/model.ckpt-1')).toEqual({ preprocessing: 'vgg' });
    expect(choosePreprocessing('vgg', undefined, mobilenetV2, '/ckpt/model.ckpt-1')).toEqual({ preprocessing: 'vgg' });
    expect(choosePreprocessing('unit', 'unit', mobilenetV2, 'builtin:mobilenet_v2')).toEqual({ preprocessing: 'unit' });
  });

  it('input of weights - a flag that contradicts the weights is used, with a warning naming both', () => {
    const choice = choosePreprocessing('inception', 'unit', mobilenetV2, 'builtin:mobilenet_v2');
    expect(choice.preprocessing).toBe('inception');
    expect(choice.warning).toBe('--preprocessing_name=inception contradicts builtin:mobilenet_v2, whose weights were trained on unit preprocessing; using inception');
  });
});
