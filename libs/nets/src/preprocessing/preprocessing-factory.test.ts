// The preprocessing map and its error for unknown names.
import { describe, expect, it } from 'vitest';
import type { PreprocessingName } from '../net-def';
import { InvalidPreprocessingNameError } from './invalid-preprocessing-name-error';
import { getPreprocessing, parsePreprocessingName, preprocessingNames } from './preprocessing-factory';
import { UnknownPreprocessingError } from './unknown-preprocessing-error';

describe('preprocessing factory', () => {
  it('preprocessing factory - finds each style by its name', () => {
    for (const name of ['inception', 'vgg'] as const) expect(getPreprocessing(name).name).toBe(name);
  });

  it('preprocessing factory - names the unknown style and the known ones', () => {
    expect(() => getPreprocessing('lenet' as PreprocessingName)).toThrow(UnknownPreprocessingError);
    expect(() => getPreprocessing('toString' as PreprocessingName)).toThrow(/known: inception, vgg/);
  });

  it('preprocessing factory - parses a given name once, naming the field and the names it could be', () => {
    for (const name of preprocessingNames()) expect(parsePreprocessingName('preprocessing_name', name)).toBe(name);
    const bad = (() => {
      try {
        parsePreprocessingName('--preprocessing_name', 'inceptoin');
      } catch (err) {
        return err as InvalidPreprocessingNameError;
      }
    })();
    expect(bad).toBeInstanceOf(InvalidPreprocessingNameError);
    expect(bad?.kind).toBe('invalid-argument');
    expect(bad?.message).toBe('--preprocessing_name: "inceptoin" is not a preprocessing; type one of inception, vgg, unit');
    expect(() => parsePreprocessingName('field preprocessing', 'toString')).toThrow(/"toString" is not a preprocessing/);
    expect(() => parsePreprocessingName('field preprocessing', 42)).toThrow(/field preprocessing: 42 is not a preprocessing/);
  });
});
