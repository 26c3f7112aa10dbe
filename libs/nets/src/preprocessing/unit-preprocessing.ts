// The input the builtin nsfwjs backbones were trained on: the whole image resized and divided by 255, [0, 1].
// nsfwjs' own classify() does exactly this (no crop, no centring); feeding them [-1, 1] costs accuracy.
import { distortedBoundingBox, type DistortedBoxSpec } from './crop-boxes';
import { wholeImage, type GeometryPlan } from './geometry-plan';
import type { PreprocessingDef, ResolvedPreprocessOptions } from './preprocessing-def';

/** Training's random crop: milder than inception's (area from 5%), so the object stays in the frame. */
export const UNIT_DISTORTED_BOX: DistortedBoxSpec = {
  minObjectCovered: 0.5,
  aspectRatioRange: [0.75, 1.33],
  areaRange: [0.5, 1.0],
  maxAttempts: 100,
};

function planGeometry(width: number, height: number, options: ResolvedPreprocessOptions): GeometryPlan {
  const { size, training, random } = options;
  const extract = training ? distortedBoundingBox(width, height, random, UNIT_DISTORTED_BOX) : wholeImage(width, height);
  const flip = training && random() < 0.5;
  return { extract, resize: { width: size, height: size }, crop: wholeImage(size, size), flip };
}

function toNetworkInput(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  return out;
}

export const unitPreprocessing: PreprocessingDef = { name: 'unit', planGeometry, toNetworkInput };
