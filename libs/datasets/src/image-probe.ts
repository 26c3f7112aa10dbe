// Checks that a file is an image by fully decoding it with sharp, and reads its real format and size.
import sharp from 'sharp';

/** Formats stored as image/format; the values are what TF's decoders and slim's readers expect. */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'tiff']);

export interface ImageInfo {
  format: string;
  /** Pixel size as stored, before any EXIF rotation: what tf.image.decode_jpeg yields. */
  width: number;
  height: number;
}

/** Why a file is not usable; a plain value so it crosses the worker boundary. */
export class ImageProbeFailure {
  constructor(readonly reason: string) {}
}

/**
 * Decodes all pixels, not just the header, so truncated or corrupt files are caught here rather than
 * in training. sharp's default failOn ('warning') makes a damaged JPEG an error, not grey pixels.
 */
export async function probeImage(bytes: Uint8Array): Promise<ImageInfo | ImageProbeFailure> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (err) {
    return new ImageProbeFailure(`cannot read it as an image (${(err as Error).message})`);
  }
  const format = meta.format as string | undefined;
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    return new ImageProbeFailure(`format ${format ?? 'unknown'} is not accepted (use ${[...ACCEPTED_FORMATS].join(', ')})`);
  }
  if (!meta.width || !meta.height) return new ImageProbeFailure('no width/height in its header');
  try {
    await sharp(bytes).raw().toBuffer();
  } catch (err) {
    return new ImageProbeFailure(`${format} data is corrupt (${(err as Error).message})`);
  }
  return { format, width: meta.width, height: meta.height };
}
