// Synthetic images for the preprocessing tests: every pixel's colour says where it came from.
import sharp from 'sharp';
import type { RawImage } from './raw-image';

/** Pixel (x, y) is (x mod 256, y mod 256, (7x + 13y) mod 256), so a crop's origin and direction can be read back. */
export function coordinateImage(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = x % 256;
      data[o + 1] = y % 256;
      data[o + 2] = (7 * x + 13 * y) % 256;
    }
  }
  return { data, width, height, channels: 3 };
}

/** A smooth ramp (6 per pixel across, 8 down), where resampling methods can be compared by value. */
export function gradientImage(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = Math.min(255, 6 * x);
      data[o + 1] = Math.min(255, 8 * y);
      data[o + 2] = 128;
    }
  }
  return { data, width, height, channels: 3 };
}

export function solidImage(width: number, height: number, rgb: [number, number, number]): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = rgb[i % 3];
  return { data, width, height, channels: 3 };
}

/** Lossless PNG bytes, so sharp decodes exactly the pixels given. */
export function encodePng(image: RawImage): Promise<Buffer> {
  return sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();
}

export function pixelAt(image: RawImage, x: number, y: number): number[] {
  const o = (y * image.width + x) * 3;
  return [image.data[o], image.data[o + 1], image.data[o + 2]];
}

/** Replays the given draws, then fails loudly, so a test pins every random decision. */
export function scriptedRandom(draws: number[]): () => number {
  let next = 0;
  return () => {
    if (next >= draws.length) throw new Error(`scripted random ran out after ${draws.length} draws`);
    return draws[next++];
  };
}

/** Pixel (x, y) of an HWC float output of side `size`. */
export function outputPixel(output: Float32Array, size: number, x: number, y: number): number[] {
  const o = (y * size + x) * 3;
  return [output[o], output[o + 1], output[o + 2]];
}
