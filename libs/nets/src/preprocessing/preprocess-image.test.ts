// End to end on synthetic images: shapes, ranges, where known pixels land, means, flips and seeds.
import { describe, expect, it } from 'vitest';
import { InvalidImageError } from './invalid-image-error';
import { InvalidPreprocessOptionError } from './invalid-preprocess-option-error';
import { preprocessImage, preprocessRawImage } from './preprocess-image';
import { mulberry32 } from './random';
import { coordinateImage, encodePng, outputPixel, pixelAt, scriptedRandom, solidImage } from './testing';
import { VGG_CHANNEL_MEANS } from './vgg-preprocessing';

const toInception = (rgb: number[]) => rgb.map((v) => (v / 255 - 0.5) * 2);
const toVgg = (rgb: number[]) => rgb.map((v, c) => v - VGG_CHANNEL_MEANS[c]);
/** Float32 outputs against float64 expectations. */
function expectPixel(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(3);
  actual.forEach((v, c) => expect(v).toBeCloseTo(expected[c], 4));
}

describe('preprocess image', () => {
  it('preprocess image - inception eval gives size*size*3 values in [-1, 1]', async () => {
    const bytes = await encodePng(coordinateImage(50, 40));
    const output = await preprocessImage(bytes, { name: 'inception', size: 24, training: false });
    expect(output).toBeInstanceOf(Float32Array);
    expect(output).toHaveLength(24 * 24 * 3);
    expect(Math.min(...output)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...output)).toBeLessThanOrEqual(1);
  });

  it('preprocess image - inception eval keeps the central 87.5% (pixel (1, 1) of 16x16 lands at (0, 0))', async () => {
    const image = coordinateImage(16, 16);
    const fromBytes = await preprocessImage(await encodePng(image), { name: 'inception', size: 14, training: false });
    const fromRaw = preprocessRawImage(image, { name: 'inception', size: 14, training: false });
    for (const output of [fromBytes, fromRaw]) {
      expectPixel(outputPixel(output, 14, 0, 0), toInception(pixelAt(image, 1, 1)));
      expectPixel(outputPixel(output, 14, 13, 5), toInception(pixelAt(image, 14, 6)));
    }
  });

  it('preprocess image - vgg eval subtracts the ImageNet means and does not scale', async () => {
    const bytes = await encodePng(solidImage(64, 48, [200, 100, 50]));
    const output = await preprocessImage(bytes, { name: 'vgg', size: 32, training: false });
    expect(output).toHaveLength(32 * 32 * 3);
    const expected = toVgg([200, 100, 50]);
    for (let i = 0; i < output.length; i++) expect(output[i]).toBeCloseTo(expected[i % 3], 4);
  });

  it('preprocess image - vgg eval crops the centre of the image resized to side 256', async () => {
    // Already 256 on its smaller side, so no resampling: the 64 crop starts at ((300-64)/2, (256-64)/2).
    const image = coordinateImage(300, 256);
    const output = await preprocessImage(await encodePng(image), { name: 'vgg', size: 64, training: false });
    expectPixel(outputPixel(output, 64, 0, 0), toVgg(pixelAt(image, 118, 96)));
    expectPixel(outputPixel(output, 64, 63, 63), toVgg(pixelAt(image, 181, 159)));
  });

  it('preprocess image - vgg training flip mirrors its random crop', async () => {
    const image = coordinateImage(300, 256);
    const bytes = await encodePng(image);
    // Draws: side 256 (no resampling), crop left 118 and top 96, then the flip decision.
    const run = (flipDraw: number) =>
      preprocessImage(bytes, { name: 'vgg', size: 64, training: true, random: scriptedRandom([0, 0.5, 0.5, flipDraw]) });
    const [plain, mirrored] = [await run(0.9), await run(0.1)];
    expectPixel(outputPixel(plain, 64, 0, 10), toVgg(pixelAt(image, 118, 106)));
    expectPixel(outputPixel(mirrored, 64, 0, 10), toVgg(pixelAt(image, 181, 106)));
    for (let x = 0; x < 64; x++) expect(outputPixel(mirrored, 64, x, 20)).toEqual(outputPixel(plain, 64, 63 - x, 20));
  });

  for (const name of ['inception', 'vgg'] as const) {
    it(`preprocess image - ${name} training repeats for a seed and differs across seeds`, async () => {
      const bytes = await encodePng(coordinateImage(120, 90));
      const run = (seed: number) => preprocessImage(bytes, { name, size: 32, training: true, random: mulberry32(seed), fastMode: false });
      const [a, again, b] = [await run(1), await run(1), await run(2)];
      expect(a).toHaveLength(32 * 32 * 3);
      expect(Array.from(again)).toEqual(Array.from(a));
      expect(Array.from(b)).not.toEqual(Array.from(a));
    });
  }

  it('preprocess image - inception training stays in [-1, 1] after colour distortion', () => {
    const output = preprocessRawImage(coordinateImage(60, 60), { name: 'inception', size: 16, training: true, random: mulberry32(5), fastMode: false });
    expect(Math.min(...output)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...output)).toBeLessThanOrEqual(1);
  });

  it('preprocess image - rejects a bad size and a raw image whose bytes do not fit', () => {
    expect(() => preprocessRawImage(coordinateImage(4, 4), { name: 'vgg', size: 0, training: false })).toThrow(InvalidPreprocessOptionError);
    const broken = { data: new Uint8Array(10), width: 4, height: 4, channels: 3 as const };
    expect(() => preprocessRawImage(broken, { name: 'vgg', size: 4, training: false, source: 'req-7' })).toThrow(InvalidImageError);
    expect(() => preprocessRawImage(broken, { name: 'vgg', size: 4, training: false, source: 'req-7' })).toThrow(/^req-7: has 10 bytes/);
  });
});
