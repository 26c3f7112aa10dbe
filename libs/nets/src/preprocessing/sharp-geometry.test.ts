// The sharp geometry path against the JS one, including sharp's flip-before-extract order.
import { describe, expect, it } from 'vitest';
import { wholeImage, type GeometryPlan } from './geometry-plan';
import { InvalidImageError } from './invalid-image-error';
import { applyGeometryRaw } from './raw-geometry';
import { applyGeometryWithSharp, readImageSize } from './sharp-geometry';
import { coordinateImage, encodePng, gradientImage } from './testing';

describe('sharp geometry', () => {
  const image = coordinateImage(40, 30);
  const plans: Record<string, GeometryPlan> = {
    'extract then mirror': { extract: { left: 3, top: 4, width: 20, height: 20 }, resize: { width: 20, height: 20 }, crop: wholeImage(20, 20), flip: true },
    'crop then mirror': { extract: wholeImage(40, 30), resize: { width: 40, height: 30 }, crop: { left: 5, top: 2, width: 16, height: 16 }, flip: true },
    'extract, crop, no mirror': { extract: { left: 1, top: 1, width: 30, height: 25 }, resize: { width: 30, height: 25 }, crop: { left: 2, top: 3, width: 8, height: 8 }, flip: false },
  };

  for (const [label, plan] of Object.entries(plans)) {
    it(`sharp geometry - agrees exactly with the JS path when nothing is resampled: ${label}`, async () => {
      const bytes = await encodePng(image);
      const bySharp = await applyGeometryWithSharp(bytes, plan, { width: 40, height: 30 }, 'test.png');
      expect(Buffer.from(bySharp.data).equals(Buffer.from(applyGeometryRaw(image, plan).data))).toBe(true);
    });
  }

  it('sharp geometry - resizes within 2 levels of the JS path on a smooth image', async () => {
    const image = gradientImage(40, 30);
    const plan: GeometryPlan = { extract: wholeImage(40, 30), resize: { width: 80, height: 60 }, crop: { left: 10, top: 10, width: 32, height: 32 }, flip: false };
    const bySharp = await applyGeometryWithSharp(await encodePng(image), plan, { width: 40, height: 30 }, 'test.png');
    const byJs = applyGeometryRaw(image, plan);
    let worst = 0;
    for (let i = 0; i < byJs.data.length; i++) worst = Math.max(worst, Math.abs(bySharp.data[i] - byJs.data[i]));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('sharp geometry - mirrors the crop itself when it also resizes', async () => {
    const bytes = await encodePng(gradientImage(40, 30));
    const plan: GeometryPlan = { extract: wholeImage(40, 30), resize: { width: 60, height: 45 }, crop: { left: 4, top: 5, width: 20, height: 20 }, flip: false };
    const plain = await applyGeometryWithSharp(bytes, plan, { width: 40, height: 30 }, 'test.png');
    const mirrored = await applyGeometryWithSharp(bytes, { ...plan, flip: true }, { width: 40, height: 30 }, 'test.png');
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 20; x++) {
        const a = (y * 20 + x) * 3;
        const b = (y * 20 + 19 - x) * 3;
        expect(Array.from(mirrored.data.subarray(a, a + 3))).toEqual(Array.from(plain.data.subarray(b, b + 3)));
      }
    }
  });

  it('sharp geometry - names the source of bytes that are not an image', async () => {
    const failure = readImageSize(Buffer.from('not an image'), 'pic/train/cat/1.jpg');
    await expect(failure).rejects.toThrow(InvalidImageError);
    await expect(failure).rejects.toThrow(/^pic\/train\/cat\/1\.jpg: cannot be decoded/);
  });
});
