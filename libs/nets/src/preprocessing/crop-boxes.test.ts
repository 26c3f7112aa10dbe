// Crop and resize arithmetic against the TF functions it reproduces.
import { describe, expect, it } from 'vitest';
import { aspectPreservingSize, centralCropBox, distortedBoundingBox, INCEPTION_DISTORTED_BOX } from './crop-boxes';
import { mulberry32 } from './random';

describe('crop boxes', () => {
  it('crop boxes - central crop matches tf.image.central_crop', () => {
    expect(centralCropBox(16, 16, 0.875)).toEqual({ left: 1, top: 1, width: 14, height: 14 });
    // int((100 - 87.5) / 2) = 6, so 88 pixels are kept, not 87.5.
    expect(centralCropBox(100, 60, 0.875)).toEqual({ left: 6, top: 3, width: 88, height: 54 });
  });

  it('crop boxes - aspect-preserving size rounds half to even as tf.rint', () => {
    expect(aspectPreservingSize(640, 480, 256)).toEqual({ width: 341, height: 256 });
    expect(aspectPreservingSize(480, 640, 256)).toEqual({ width: 256, height: 341 });
    expect(aspectPreservingSize(5, 2, 1)).toEqual({ width: 2, height: 1 });
  });

  it('crop boxes - distorted boxes fit, cover at least 10% and keep the aspect range', () => {
    const random = mulberry32(1);
    for (let i = 0; i < 500; i++) {
      const box = distortedBoundingBox(300, 200, random, INCEPTION_DISTORTED_BOX);
      expect(box.left + box.width).toBeLessThanOrEqual(300);
      expect(box.top + box.height).toBeLessThanOrEqual(200);
      expect(box.width * box.height).toBeGreaterThanOrEqual(0.1 * 300 * 200);
      // Rounding to whole pixels can move the ratio slightly outside [0.75, 1.33].
      expect(box.width / box.height).toBeGreaterThan(0.7);
      expect(box.width / box.height).toBeLessThan(1.4);
    }
  });

  it('crop boxes - falls back to the whole image when no box can fit, as TF does', () => {
    expect(distortedBoundingBox(1, 100, mulberry32(3), INCEPTION_DISTORTED_BOX)).toEqual({ left: 0, top: 0, width: 1, height: 100 });
  });
});
