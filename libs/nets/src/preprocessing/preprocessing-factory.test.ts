// The preprocessing map and its error for unknown names.
import { describe, expect, it } from 'vitest';
import type { PreprocessingName } from '../net-def';
import { getPreprocessing } from './preprocessing-factory';
import { UnknownPreprocessingError } from './unknown-preprocessing-error';

describe('preprocessing factory', () => {
  it('preprocessing factory - finds each style by its name', () => {
    for (const name of ['inception', 'vgg'] as const) expect(getPreprocessing(name).name).toBe(name);
  });

  it('preprocessing factory - names the unknown style and the known ones', () => {
    expect(() => getPreprocessing('lenet' as PreprocessingName)).toThrow(UnknownPreprocessingError);
    expect(() => getPreprocessing('toString' as PreprocessingName)).toThrow(/known: inception, vgg/);
  });
});
