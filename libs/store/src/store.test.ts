import { describe, expect, it } from 'vitest';
import { createArtifactStore } from './artifact-store';
import { PathOutsideRootError } from './path-guard';

describe('store', () => {
  it('store - resolves paths inside the root and refuses those outside, naming the field', () => {
    const store = createArtifactStore('/data/finetune');
    expect(store.resolve('dataset_dir', 'datasets/flowers')).toBe('/data/finetune/datasets/flowers');
    expect(store.resolve('dataset_dir', '/data/finetune/x')).toBe('/data/finetune/x');
    expect(() => store.resolve('train_directory', '../etc')).toThrowError(PathOutsideRootError);
    expect(() => store.resolve('train_directory', '/data/finetune-other/x')).toThrowError(/train_directory "\/data\/finetune-other\/x" is outside the data root/);
  });
});
