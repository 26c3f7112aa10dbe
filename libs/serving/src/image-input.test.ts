import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageToInput } from './image-input';
import { testImage } from './testing';

const opts = { size: 16, preprocessing: 'inception' as const, maxPixels: 10_000, source: 'image' };

describe('image input', () => {
  it('image input - JPEG, PNG and WebP become size·size·3 values in [-1, 1]', async () => {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const input = await imageToInput(await testImage(40, 1, format), opts);
      expect(input.length).toBe(16 * 16 * 3);
      expect(Math.min(...input)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...input)).toBeLessThanOrEqual(1);
    }
  });

  it('image input - bytes that are not an image are invalid, naming the image', async () => {
    const err = await imageToInput(Buffer.from('hello, not a picture'), { ...opts, source: 'images[2]' }).catch((e) => e);
    expect(err.kind).toBe('invalid-argument');
    expect(err.message).toMatch(/^images\[2\]: is not an image sharp can read/);
    const empty = await imageToInput(new Uint8Array(0), opts).catch((e) => e);
    expect(empty.message).toMatch(/image: is empty/);
  });

  it('image input - a format other than JPEG, PNG or WebP is refused', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).gif().toBuffer();
    const err = await imageToInput(gif, opts).catch((e) => e);
    expect(err.kind).toBe('invalid-argument');
    expect(err.message).toMatch(/is a gif image; send JPEG, PNG or WebP/);
  });

  it('image input - a header declaring more pixels than the limit is refused before decoding', async () => {
    // A 2000x2000 PNG of one colour is a few kB on the wire: the shape of a decompression bomb.
    const bomb = await sharp({ create: { width: 2000, height: 2000, channels: 3, background: 'white' } }).png().toBuffer();
    expect(bomb.length).toBeLessThan(50_000);
    const err = await imageToInput(bomb, opts).catch((e) => e);
    expect(err.kind).toBe('resource-exhausted');
    expect(err.message).toMatch(/image: .*over the limit of 10000/);
  });
});
