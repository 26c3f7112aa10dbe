// Which weights a new job starts from, read off --checkpoint_path and --model_name without loading tfjs.
import { describe, expect, it } from 'vitest';
import { pretrainedPath } from './pretrained-path';
import { FROM_SCRATCH } from './train-defaults';

describe('pretrained path', () => {
  it('pretrained path - --checkpoint_path as given, else the model builtin, else from scratch', () => {
    expect(pretrainedPath({ modelName: 'inception_v3', checkpointPath: '/ckpt/model.ckpt-100' })).toBe('/ckpt/model.ckpt-100');
    expect(pretrainedPath({ modelName: 'mobilenet_v2', checkpointPath: FROM_SCRATCH })).toBe(FROM_SCRATCH);
    expect(pretrainedPath({ modelName: 'mobilenet_v2' })).toBe('builtin:mobilenet_v2');
    expect(pretrainedPath({ modelName: 'vgg_16' })).toBe(FROM_SCRATCH);
  });
});
