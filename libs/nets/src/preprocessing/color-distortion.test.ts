// Each colour op of distort_color on hand-computed pixels.
import { describe, expect, it } from 'vitest';
import { distortColor, sampleColorDistortion, type ColorDistortion } from './color-distortion';
import { mulberry32 } from './random';

const none: ColorDistortion = { ordering: 0, fastMode: false, brightnessDelta: 0, saturationFactor: 1, hueDelta: 0, contrastFactor: 1 };

describe('color distortion', () => {
  it('color distortion - neutral parameters leave pixels unchanged', () => {
    const pixels = new Float32Array([0.2, 0.4, 0.6, 0.9, 0.1, 0.5]);
    const copy = pixels.slice();
    distortColor(pixels, none);
    for (let i = 0; i < pixels.length; i++) expect(pixels[i]).toBeCloseTo(copy[i], 6);
  });

  it('color distortion - saturation 0 gives grey, hue 1/3 turns red into green, brightness clips', () => {
    const grey = new Float32Array([0.8, 0.4, 0.2]);
    distortColor(grey, { ...none, saturationFactor: 0 });
    expect(Array.from(grey)).toEqual([0.800000011920929, 0.800000011920929, 0.800000011920929]);
    const red = new Float32Array([1, 0, 0]);
    distortColor(red, { ...none, hueDelta: 1 / 3 });
    expect(Array.from(red).map((v) => Math.round(v * 1000) / 1000)).toEqual([0, 1, 0]);
    const bright = new Float32Array([0.9, 0.5, 0.1]);
    distortColor(bright, { ...none, brightnessDelta: 0.2 });
    expect(Array.from(bright).map((v) => Math.round(v * 1000) / 1000)).toEqual([1, 0.7, 0.3]);
  });

  it('color distortion - contrast scales around each channel mean', () => {
    const pixels = new Float32Array([0.2, 0.5, 0.5, 0.4, 0.5, 0.7]);
    distortColor(pixels, { ...none, contrastFactor: 2 });
    expect(Array.from(pixels).map((v) => Math.round(v * 1000) / 1000)).toEqual([0.1, 0.5, 0.4, 0.5, 0.5, 0.8]);
  });

  it('color distortion - fast mode uses the reference default ordering only', () => {
    const random = mulberry32(9);
    for (let i = 0; i < 20; i++) expect(sampleColorDistortion(random, true).ordering).toBe(0);
  });
});
