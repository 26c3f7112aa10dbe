import { describe, expect, it } from 'vitest';
import { UnknownScopeError } from './errors';
import { parseScopes, topLevelScopes, trainableVariables, variablesToRestore } from './scopes';
import { weightDecayVariables } from './weight-decay';

const NAMES = [
  'InceptionV3/Conv2d_1a_3x3/weights',
  'InceptionV3/Mixed_7b/Branch_0/Conv2d_0a_1x1/weights',
  'InceptionV3/Mixed_7c/Branch_0/Conv2d_0a_1x1/weights',
  'InceptionV3/Mixed_7c/Branch_0/Conv2d_0a_1x1/BatchNorm/beta',
  'InceptionV3/AuxLogits/Conv2d_2b_1x1/weights',
  'InceptionV3/AuxLogits/Conv2d_2b_1x1/biases',
  'InceptionV3/Logits/Conv2d_1c_1x1/weights',
  'InceptionV3/Logits/Conv2d_1c_1x1/biases',
];

describe('scopes', () => {
  it('scopes - parses the comma-separated flag form, stripping spaces and empty items', () => {
    expect(parseScopes(' InceptionV3/Logits, InceptionV3/AuxLogits ,')).toEqual(['InceptionV3/Logits', 'InceptionV3/AuxLogits']);
    expect(parseScopes(['A/B,C/D', ' E '])).toEqual(['A/B', 'C/D', 'E']);
    expect(parseScopes(undefined)).toEqual([]);
    expect(parseScopes('')).toEqual([]);
  });

  it('scopes - restores everything but the excluded scopes', () => {
    const restored = variablesToRestore(NAMES, 'InceptionV3/Logits,InceptionV3/AuxLogits');
    expect(restored).toEqual(NAMES.slice(0, 4));
    expect(variablesToRestore(NAMES)).toEqual(NAMES);
  });

  it('scopes - a scope is a raw name prefix, as startswith in the reference', () => {
    expect(trainableVariables(NAMES, 'InceptionV3/Mixed_7')).toEqual(NAMES.slice(1, 4));
  });

  it('scopes - trains everything when --trainable_scopes is absent or empty, else only those scopes', () => {
    expect(trainableVariables(NAMES)).toEqual(NAMES);
    expect(trainableVariables(NAMES, ' ')).toEqual(NAMES);
    expect(trainableVariables(NAMES, 'InceptionV3/Logits, InceptionV3/AuxLogits')).toEqual(NAMES.slice(4));
  });

  it('scopes - a scope matching nothing is an UnknownScopeError listing the scopes that exist', () => {
    const err = (() => {
      try {
        variablesToRestore(NAMES, 'InceptionV3/Logits,InceptionV3/Logitz');
      } catch (e) {
        return e;
      }
    })() as UnknownScopeError;
    expect(err).toBeInstanceOf(UnknownScopeError);
    expect(err.scope).toBe('InceptionV3/Logitz');
    expect(err.kind).toBe('invalid-argument');
    expect(err.message).toContain('--checkpoint_exclude_scopes');
    expect(err.message).toContain('scopes that exist: InceptionV3/Conv2d_1a_3x3, InceptionV3/Mixed_7b');
    expect(err.known).toEqual(['InceptionV3/Conv2d_1a_3x3', 'InceptionV3/Mixed_7b', 'InceptionV3/Mixed_7c', 'InceptionV3/AuxLogits', 'InceptionV3/Logits']);
    expect(() => trainableVariables(NAMES, 'MobilenetV2/Logits')).toThrow(/--trainable_scopes: scope 'MobilenetV2\/Logits'/);
  });

  it('scopes - top-level scopes are the first two path components', () => {
    expect(topLevelScopes(['a/b/c', 'a/b/d', 'a/e', 'f'])).toEqual(['a/b', 'a/e', 'f']);
  });

  it('scopes - weight decay covers conv weights, not biases, BatchNorm or depthwise weights', () => {
    expect(
      weightDecayVariables([
        'MobilenetV2/Conv/weights',
        'MobilenetV2/Conv/BatchNorm/gamma',
        'MobilenetV2/expanded_conv/depthwise/depthwise_weights',
        'MobilenetV2/Logits/Conv2d_1c_1x1/biases',
        'MobilenetV2/Logits/Conv2d_1c_1x1/weights',
      ]),
    ).toEqual(['MobilenetV2/Conv/weights', 'MobilenetV2/Logits/Conv2d_1c_1x1/weights']);
  });
});
