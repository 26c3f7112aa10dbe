// TF-Slim's inception_preprocessing: distorted crop, flip and colour for training; central crop for eval; [-1, 1].
import { centralCropBox, distortedBoundingBox, INCEPTION_DISTORTED_BOX } from './crop-boxes';
import { distortColor, sampleColorDistortion } from './color-distortion';
import { wholeImage, type GeometryPlan } from './geometry-plan';
import type { PreprocessingDef, ResolvedPreprocessOptions } from './preprocessing-def';

/** preprocess_for_eval's central_fraction. */
export const EVAL_CENTRAL_FRACTION = 0.875;

function planGeometry(width: number, height: number, options: ResolvedPreprocessOptions): GeometryPlan {
  const { size, training, random } = options;
  const extract = training
    ? distortedBoundingBox(width, height, random, INCEPTION_DISTORTED_BOX)
    : centralCropBox(width, height, EVAL_CENTRAL_FRACTION);
  // tf.image.random_flip_left_right mirrors when a uniform draw is below 0.5.
  const flip = training && random() < 0.5;
  return { extract, resize: { width: size, height: size }, crop: wholeImage(size, size), flip };
}

function toNetworkInput(pixels: Uint8Array, options: ResolvedPreprocessOptions): Float32Array {
  const out = new Float32Array(pixels.length);
  // convert_image_dtype: bytes to [0, 1].
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] / 255;
  if (options.training) distortColor(out, sampleColorDistortion(options.random, options.fastMode));
  // (x - 0.5) * 2: the [-1, 1] range the Inception and MobileNet checkpoints were trained on.
  for (let i = 0; i < out.length; i++) out[i] = (out[i] - 0.5) * 2;
  return out;
}

export const inceptionPreprocessing: PreprocessingDef = { name: 'inception', planGeometry, toNetworkInput };
