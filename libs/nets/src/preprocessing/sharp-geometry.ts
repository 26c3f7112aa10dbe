// Executes a GeometryPlan with sharp (libvips, on its own threads): decode, extract, resize, crop, mirror.
import sharp from 'sharp';
import { DEFAULT_ALPHA_BACKGROUND } from './alpha-background';
import { isWhole, type GeometryPlan } from './geometry-plan';
import { InvalidImageError } from './invalid-image-error';
import type { RawImage } from './raw-image';

/** Width and height as stored; EXIF orientation is ignored, as tf.image.decode_jpeg ignores it. */
export async function readImageSize(bytes: Buffer, source: string): Promise<{ width: number; height: number }> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch (cause) {
    throw new InvalidImageError(source, `cannot be decoded as an image (${(cause as Error).message})`, { cause });
  }
  if (!metadata.width || !metadata.height) throw new InvalidImageError(source, 'has no width or height');
  return { width: metadata.width, height: metadata.height };
}

/**
 * Decodes to 8-bit sRGB whatever the file holds (greyscale, palette, 16-bit, CMYK), transparency composited on
 * `background` (`#rrggbb`), then applies the plan. Training, evaluation and serving all decode here, so they see the same pixels.
 */
export async function applyGeometryWithSharp(
  bytes: Buffer,
  plan: GeometryPlan,
  sourceSize: { width: number; height: number },
  source: string,
  background: string = DEFAULT_ALPHA_BACKGROUND,
): Promise<RawImage> {
  const { extract, resize, crop, flip } = plan;
  const resized = resize.width !== extract.width || resize.height !== extract.height;
  // Without flatten, sharp drops alpha and keeps whatever colour the transparent pixels store (often black).
  let pipeline = sharp(bytes).flatten({ background });
  if (!resized) {
    // Without a resize, sharp would treat a second extract as a first; one combined extract is exact.
    const box = { left: extract.left + crop.left, top: extract.top + crop.top, width: crop.width, height: crop.height };
    if (!isWhole(box, sourceSize.width, sourceSize.height)) pipeline = pipeline.extract(box);
  } else {
    if (!isWhole(extract, sourceSize.width, sourceSize.height)) pipeline = pipeline.extract(extract);
    // 'linear' is bilinear when enlarging; when shrinking libvips widens the kernel (antialiased), unlike TF.
    pipeline = pipeline.resize(resize.width, resize.height, { fit: 'fill', kernel: 'linear' });
    if (!isWhole(crop, resize.width, resize.height)) {
      // sharp mirrors before its post-resize extract, so take the mirror-image box to get flip(crop(image)).
      const left = flip ? resize.width - crop.left - crop.width : crop.left;
      pipeline = pipeline.extract({ ...crop, left });
    }
  }
  if (flip) pipeline = pipeline.flop();
  let result: { data: Buffer; info: sharp.OutputInfo };
  try {
    result = await pipeline.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (cause) {
    throw new InvalidImageError(source, `cannot be decoded or cropped (${(cause as Error).message})`, { cause });
  }
  const { data, info } = result;
  if (info.channels !== 3 || info.width !== crop.width || info.height !== crop.height) {
    throw new InvalidImageError(source, `decoded to ${info.width}x${info.height}x${info.channels}; expected ${crop.width}x${crop.height}x3`);
  }
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
}
