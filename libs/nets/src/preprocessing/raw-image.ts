// Decoded RGB pixels as sharp's .raw() gives them: row-major, interleaved, one byte per channel.
import { InvalidImageError } from './invalid-image-error';

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

/** Throws InvalidImageError unless the image is a non-empty RGB image whose data fits its size. */
export function checkRawImage(image: RawImage, source: string): void {
  const { data, width, height, channels } = image;
  if (channels !== 3) throw new InvalidImageError(source, `has ${channels} channels; expected 3 (RGB)`);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new InvalidImageError(source, `has size ${width}x${height}; expected positive integers`);
  }
  if (data.length !== width * height * 3) {
    throw new InvalidImageError(source, `has ${data.length} bytes; ${width}x${height} RGB needs ${width * height * 3}`);
  }
}
