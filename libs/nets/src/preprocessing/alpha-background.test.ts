// Transparent pixels reach the net composited on one colour, the decoded pixels are 8-bit sRGB whatever the file
// holds, and a colour that is not one is refused naming where it came from.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { alphaBackgroundFlag, chooseAlphaBackground, InvalidAlphaBackgroundError, parseAlphaBackground } from './alpha-background';
import { wholeImage } from './geometry-plan';
import { InvalidPreprocessOptionError } from './invalid-preprocess-option-error';
import { preprocessImage } from './preprocess-image';
import { applyGeometryWithSharp } from './sharp-geometry';

/** A 16x16 PNG whose left half is opaque red and right half fully transparent (stored as transparent black). */
async function halfTransparentPng(): Promise<Buffer> {
  const rgba = Buffer.alloc(16 * 16 * 4);
  for (let y = 0; y < 16; y++) for (let x = 0; x < 8; x++) rgba.set([220, 20, 30, 255], (y * 16 + x) * 4);
  return sharp(rgba, { raw: { width: 16, height: 16, channels: 4 } }).png().toBuffer();
}

/** The unit preprocessing's pixel (x, y) of a size*size output, back in 0..255. */
const pixel = (output: Float32Array, size: number, x: number, y: number) => Array.from(output.subarray((y * size + x) * 3, (y * size + x) * 3 + 3), (v) => Math.round(v * 255));

describe('alpha background', () => {
  it('alpha background - parses #rrggbb and the names white and black into one spelling, refuses the rest', () => {
    expect(parseAlphaBackground('#FFFFFF')).toBe('#ffffff');
    expect(parseAlphaBackground(' White ')).toBe('#ffffff');
    expect(parseAlphaBackground('black')).toBe('#000000');
    expect(parseAlphaBackground('#80a0c0')).toBe('#80a0c0');
    for (const bad of ['', '#fff', '808080', '#80808g', 'grey', '#8080800', 7]) expect(parseAlphaBackground(bad), String(bad)).toBeUndefined();
  });

  it('alpha background - the flag wins, then the recorded colour, then white; a bad one names the flag or the sidecar', () => {
    expect(chooseAlphaBackground(undefined, undefined, 'a.meta.json')).toBe('#ffffff');
    expect(chooseAlphaBackground(undefined, '#000000', 'a.meta.json')).toBe('#000000');
    expect(chooseAlphaBackground('#808080', '#000000', 'a.meta.json')).toBe('#808080');
    expect(() => chooseAlphaBackground('pink', undefined, 'a.meta.json')).toThrow(InvalidAlphaBackgroundError);
    expect(() => chooseAlphaBackground('pink', undefined, 'a.meta.json')).toThrow('--alpha_background: "pink" is not a colour #rrggbb');
    expect(() => chooseAlphaBackground(undefined, '#12', 'model.ckpt-5.meta.json')).toThrow('model.ckpt-5.meta.json field alphaBackground: "#12" is not a colour');
    expect(() => alphaBackgroundFlag('#fff', 'alpha_background')).toThrow(/^alpha_background: "#fff" is not a colour #rrggbb \(e\.g\. #808080\), white or black$/);
    expect(alphaBackgroundFlag(undefined)).toBeUndefined();
  });

  it('alpha background - transparent pixels of the network input are the background, opaque ones unchanged', async () => {
    const png = await halfTransparentPng();
    for (const [background, expected] of [['#ffffff', [255, 255, 255]], ['#000000', [0, 0, 0]], ['#336699', [0x33, 0x66, 0x99]], [undefined, [255, 255, 255]]] as const) {
      const output = await preprocessImage(png, { name: 'unit', size: 16, training: false, background });
      expect(pixel(output, 16, 14, 8), `transparent on ${background}`).toEqual(expected);
      expect(pixel(output, 16, 1, 8), `opaque on ${background}`).toEqual([220, 20, 30]);
    }
  });

  it('alpha background - preprocessImage refuses a background that is not a colour, naming the option and value', async () => {
    const failure = preprocessImage(await halfTransparentPng(), { name: 'unit', size: 16, training: false, background: 'transparent' });
    await expect(failure).rejects.toThrow(InvalidPreprocessOptionError);
    await expect(failure).rejects.toThrow(/background=transparent is not a colour/);
  });

  it('alpha background - greyscale, palette, 16-bit and CMYK files decode to the same 8-bit sRGB pixels, within JPEG error', async () => {
    const grey = sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 128, g: 128, b: 128 } } });
    // In the gamut of sharp's CMYK profile (a saturated red is not), so only the round trip's rounding remains.
    const colour = () => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 120, g: 140, b: 160 } } });
    const files: Array<[string, Buffer, number[], number]> = [
      ['greyscale png', await grey.clone().toColourspace('b-w').png().toBuffer(), [128, 128, 128], 0],
      ['palette png', await colour().png({ palette: true, colours: 4 }).toBuffer(), [120, 140, 160], 2],
      ['16-bit png', await colour().toColourspace('rgb16').png().toBuffer(), [120, 140, 160], 1],
      ['cmyk jpeg', await colour().toColourspace('cmyk').jpeg({ quality: 100 }).toBuffer(), [120, 140, 160], 6],
    ];
    for (const [label, bytes, rgb, tolerance] of files) {
      const meta = await sharp(bytes).metadata();
      if (label.startsWith('cmyk')) expect(meta.space, label).toBe('cmyk');
      if (label.startsWith('16-bit')) expect(meta.depth, label).toBe('ushort');
      if (label.startsWith('palette')) expect(meta.isPalette, label).toBe(true);
      if (label.startsWith('greyscale')) expect(meta.channels, label).toBe(1);
      const out = await applyGeometryWithSharp(bytes, { extract: wholeImage(8, 8), resize: { width: 8, height: 8 }, crop: wholeImage(8, 8), flip: false }, { width: 8, height: 8 }, label);
      expect(out.channels, label).toBe(3);
      expect(out.data).toHaveLength(8 * 8 * 3);
      Array.from(out.data.subarray(0, 3)).forEach((v, c) => expect(Math.abs(v - rgb[c]!), `${label} channel ${c}: ${v}`).toBeLessThanOrEqual(tolerance));
    }
  });
});
