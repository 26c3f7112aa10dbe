import { describe, expect, it } from 'vitest';
import { evaluatedMovingAverageDecay } from './evaluated-weights';

const PREFIX = '/train/model.ckpt-7';

describe('evaluated weights', () => {
  it('evaluated weights - automatic: the decay the sidecar records, else the variables; a request: its flag, whatever the sidecar says', () => {
    expect(evaluatedMovingAverageDecay({ automatic: true }, PREFIX, { movingAverageDecay: 0.999 })).toBe(0.999);
    expect(evaluatedMovingAverageDecay({ automatic: true, movingAverageDecay: 0.5 }, PREFIX, {})).toBeUndefined();
    expect(evaluatedMovingAverageDecay({ automatic: true }, PREFIX, undefined)).toBeUndefined();
    expect(evaluatedMovingAverageDecay({ automatic: false }, PREFIX, { movingAverageDecay: 0.999 })).toBeUndefined();
    expect(evaluatedMovingAverageDecay({ automatic: false, movingAverageDecay: 0.9 }, PREFIX, undefined)).toBe(0.9);
  });

  it('evaluated weights - a recorded decay outside (0, 1) is refused naming the sidecar and its field', () => {
    expect(() => evaluatedMovingAverageDecay({ automatic: true }, PREFIX, { movingAverageDecay: 1 })).toThrow(
      /^\/train\/model\.ckpt-7\.meta\.json: field movingAverageDecay must be a number in \(0, 1\), not 1$/,
    );
  });
});
