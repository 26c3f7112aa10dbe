// The JS geometry path on whole-pixel plans and a hand-computed bilinear resize.
import { describe, expect, it } from 'vitest';
import { wholeImage } from './geometry-plan';
import { applyGeometryRaw } from './raw-geometry';
import { coordinateImage, pixelAt } from './testing';

describe('raw geometry', () => {
  it('raw geometry - extracts, crops and mirrors whole pixels exactly', () => {
    const image = coordinateImage(10, 8);
    const extract = { left: 2, top: 1, width: 6, height: 5 };
    const result = applyGeometryRaw(image, {
      extract,
      resize: { width: 6, height: 5 },
      crop: { left: 1, top: 2, width: 3, height: 2 },
      flip: true,
    });
    expect([result.width, result.height]).toEqual([3, 2]);
    // Output (0, 0) is the crop's right-most column: source x = 2 + 1 + 2, y = 1 + 2.
    expect(pixelAt(result, 0, 0)).toEqual(pixelAt(image, 5, 3));
    expect(pixelAt(result, 2, 1)).toEqual(pixelAt(image, 3, 4));
  });

  it('raw geometry - resizes bilinearly with half-pixel centres', () => {
    const image = { data: new Uint8Array([0, 0, 0, 100, 100, 100]), width: 2, height: 1, channels: 3 as const };
    const result = applyGeometryRaw(image, { extract: wholeImage(2, 1), resize: { width: 4, height: 1 }, crop: wholeImage(4, 1), flip: false });
    expect(Array.from(result.data).filter((_, i) => i % 3 === 0)).toEqual([0, 25, 75, 100]);
  });
});
