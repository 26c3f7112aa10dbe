// Turns an image into network input: geometry by sharp (encoded bytes) or in JS (raw pixels), then pixels.
import type { PreprocessingName } from '../net-def';
import { ALPHA_BACKGROUND_SYNTAX, DEFAULT_ALPHA_BACKGROUND, parseAlphaBackground } from './alpha-background';
import { InvalidPreprocessOptionError } from './invalid-preprocess-option-error';
import { applyGeometryRaw } from './raw-geometry';
import type { PreprocessOptions, ResolvedPreprocessOptions } from './preprocessing-def';
import { getPreprocessing } from './preprocessing-factory';
import { checkRawImage, type RawImage } from './raw-image';
import { applyGeometryWithSharp, readImageSize } from './sharp-geometry';

export interface PreprocessImageOptions extends PreprocessOptions {
  /** 'inception' or 'vgg', as the net's NetDef.preprocessing says. */
  name: PreprocessingName;
}

function resolve(options: PreprocessImageOptions): ResolvedPreprocessOptions {
  const { size } = options;
  if (!Number.isInteger(size) || size < 1) throw new InvalidPreprocessOptionError('size', size, 'must be a positive integer');
  const background = parseAlphaBackground(options.background ?? DEFAULT_ALPHA_BACKGROUND);
  if (background === undefined) throw new InvalidPreprocessOptionError('background', options.background, `is not ${ALPHA_BACKGROUND_SYNTAX}`);
  return {
    size,
    training: options.training,
    random: options.random ?? Math.random,
    fastMode: options.fastMode ?? true,
    background,
    source: options.source ?? 'image',
  };
}

/** Encoded image bytes (JPEG, PNG, …) to a Float32Array of size*size*3, HWC. */
export async function preprocessImage(bytes: Buffer, options: PreprocessImageOptions): Promise<Float32Array> {
  const preprocessing = getPreprocessing(options.name);
  const resolved = resolve(options);
  const sourceSize = await readImageSize(bytes, resolved.source);
  const plan = preprocessing.planGeometry(sourceSize.width, sourceSize.height, resolved);
  const pixels = await applyGeometryWithSharp(bytes, plan, sourceSize, resolved.source, resolved.background);
  return preprocessing.toNetworkInput(pixels.data, resolved);
}

/** Decoded RGB pixels to a Float32Array of size*size*3, HWC, without sharp. */
export function preprocessRawImage(image: RawImage, options: PreprocessImageOptions): Float32Array {
  const preprocessing = getPreprocessing(options.name);
  const resolved = resolve(options);
  checkRawImage(image, resolved.source);
  const plan = preprocessing.planGeometry(image.width, image.height, resolved);
  return preprocessing.toNetworkInput(applyGeometryRaw(image, plan).data, resolved);
}
