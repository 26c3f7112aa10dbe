// The crop and resize arithmetic of TF-Slim's inception and vgg preprocessing, on integer pixels.
import type { Box } from './geometry-plan';
import { type Random, randomInt, uniform } from './random';

/** tf.image.central_crop: start = int((size - size * fraction) / 2), and the crop is symmetric. */
export function centralCropBox(width: number, height: number, fraction: number): Box {
  const top = Math.trunc((height - height * fraction) / 2);
  const left = Math.trunc((width - width * fraction) / 2);
  return { left, top, width: width - 2 * left, height: height - 2 * top };
}

/** The parameters inception_preprocessing.distorted_bounding_box_crop passes to TF. */
export interface DistortedBoxSpec {
  /** The crop must cover at least this fraction of the (whole-image) bounding box. */
  minObjectCovered: number;
  /** Crop width / height. */
  aspectRatioRange: [number, number];
  /** Crop area as a fraction of the image. */
  areaRange: [number, number];
  maxAttempts: number;
}

export const INCEPTION_DISTORTED_BOX: DistortedBoxSpec = {
  minObjectCovered: 0.1,
  aspectRatioRange: [0.75, 1.33],
  areaRange: [0.05, 1.0],
  maxAttempts: 100,
};

/**
 * An approximation of tf.image.sample_distorted_bounding_box with the whole image as the object box:
 * draw an area and an aspect ratio, keep the first crop that fits and covers enough; after maxAttempts
 * the whole image, as TF falls back to.
 */
export function distortedBoundingBox(width: number, height: number, random: Random, spec: DistortedBoxSpec): Box {
  const imageArea = width * height;
  for (let attempt = 0; attempt < spec.maxAttempts; attempt++) {
    const area = uniform(random, spec.areaRange[0], spec.areaRange[1]) * imageArea;
    const aspect = uniform(random, spec.aspectRatioRange[0], spec.aspectRatioRange[1]);
    const cropWidth = Math.round(Math.sqrt(area * aspect));
    const cropHeight = Math.round(Math.sqrt(area / aspect));
    if (cropWidth < 1 || cropHeight < 1 || cropWidth > width || cropHeight > height) continue;
    if (cropWidth * cropHeight < spec.minObjectCovered * imageArea) continue;
    return {
      left: randomInt(random, 0, width - cropWidth),
      top: randomInt(random, 0, height - cropHeight),
      width: cropWidth,
      height: cropHeight,
    };
  }
  return { left: 0, top: 0, width, height };
}

/** tf.rint: round half to even. */
function roundHalfEven(x: number): number {
  const rounded = Math.round(x);
  return Math.abs(x % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/** vgg_preprocessing._smallest_size_at_least: scale so the smaller side is `smallestSide`. */
export function aspectPreservingSize(width: number, height: number, smallestSide: number): { width: number; height: number } {
  const scale = height > width ? smallestSide / width : smallestSide / height;
  return { width: roundHalfEven(width * scale), height: roundHalfEven(height * scale) };
}

/** vgg_preprocessing._central_crop: offsets (size - crop) / 2, floored. */
export function centeredBox(width: number, height: number, cropWidth: number, cropHeight: number): Box {
  return { left: Math.floor((width - cropWidth) / 2), top: Math.floor((height - cropHeight) / 2), width: cropWidth, height: cropHeight };
}

/** vgg_preprocessing._random_crop: offsets uniform in [0, size - crop]. */
export function randomBox(width: number, height: number, cropWidth: number, cropHeight: number, random: Random): Box {
  return {
    left: randomInt(random, 0, width - cropWidth),
    top: randomInt(random, 0, height - cropHeight),
    width: cropWidth,
    height: cropHeight,
  };
}
