// Encoded image bytes to network input, with the limits a server needs: formats, pixel count, bytes.
import sharp from 'sharp';
import { preprocessImage, type PreprocessingName } from '@finetune/nets';
import { ImageTooLargeError, NotAnImageError } from './errors';

/** The formats clients may send. */
export const IMAGE_FORMATS = ['jpeg', 'png', 'webp'] as const;
/** 40 megapixels: larger than any camera photo; a header declaring more is a decompression bomb. */
export const DEFAULT_MAX_IMAGE_PIXELS = 40_000_000;

export interface ImageInputOptions {
  /** Square network input side. */
  size: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on, `#rrggbb`, as the model's metadata records it. @default white */
  alphaBackground?: string;
  /** Largest width·height accepted (sharp's limitInputPixels). */
  maxPixels: number;
  /** Names the image in errors, e.g. `image` or `images[3]`. */
  source: string;
}

/**
 * Checks the header (format, declared size) before anything is decoded, then crops, resizes and
 * scales as the net's eval preprocessing does (central crop 0.875 for inception style). sharp works on
 * libuv's threads, so many images are prepared in parallel while the event loop stays free.
 */
export async function imageToInput(bytes: Uint8Array, options: ImageInputOptions): Promise<Float32Array> {
  const { source } = options;
  if (bytes.length === 0) throw new NotAnImageError(source, 'is empty: send the bytes of a JPEG, PNG or WebP file');
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let metadata: sharp.Metadata;
  try {
    // Header only: nothing is decoded yet. sharp's limitInputPixels would refuse the same images but
    // as a decode error, without their size; checking here makes it RESOURCE_EXHAUSTED with the numbers.
    metadata = await sharp(buffer, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new NotAnImageError(source, `is not an image sharp can read (${(cause as Error).message}); send JPEG, PNG or WebP bytes`, { cause });
  }
  if (!IMAGE_FORMATS.includes(metadata.format as (typeof IMAGE_FORMATS)[number])) {
    throw new NotAnImageError(source, `is a ${metadata.format ?? 'unknown'} image; send JPEG, PNG or WebP`);
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > options.maxPixels) {
    throw new ImageTooLargeError(source, `is ${width}x${height} = ${width * height} pixels, over the limit of ${options.maxPixels}; downscale it first`);
  }
  try {
    return await preprocessImage(buffer, { name: options.preprocessing, size: options.size, training: false, background: options.alphaBackground, source });
  } catch (cause) {
    if ((cause as { kind?: string }).kind) throw cause;
    throw new NotAnImageError(source, `cannot be decoded (${(cause as Error).message})`, { cause });
  }
}
