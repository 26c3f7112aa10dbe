// TF-Slim's vgg_preprocessing: aspect-preserving resize, random or central crop, ImageNet means subtracted.
import { aspectPreservingSize, centeredBox, randomBox } from './crop-boxes';
import { wholeImage, type GeometryPlan } from './geometry-plan';
import type { PreprocessingDef, ResolvedPreprocessOptions } from './preprocessing-def';
import { randomInt } from './random';

/** _RESIZE_SIDE_MIN / _RESIZE_SIDE_MAX: the smallest side is drawn from [256, 512] when training. */
export const RESIZE_SIDE_MIN = 256;
export const RESIZE_SIDE_MAX = 512;
/** _R_MEAN, _G_MEAN, _B_MEAN: ImageNet channel means on the 0–255 scale. */
export const VGG_CHANNEL_MEANS = [123.68, 116.78, 103.94] as const;

function planGeometry(width: number, height: number, options: ResolvedPreprocessOptions): GeometryPlan {
  const { size, training, random } = options;
  // The reference cannot crop more than 256 (its eval side); raising the sides to `size` is our extension.
  const sideMin = Math.max(RESIZE_SIDE_MIN, size);
  const sideMax = Math.max(RESIZE_SIDE_MAX, size);
  const side = training ? randomInt(random, sideMin, sideMax) : sideMin;
  const resize = aspectPreservingSize(width, height, side);
  const crop = training ? randomBox(resize.width, resize.height, size, size, random) : centeredBox(resize.width, resize.height, size, size);
  const flip = training && random() < 0.5;
  return { extract: wholeImage(width, height), resize, crop, flip };
}

/** No scaling: the VGG and ResNet checkpoints take mean-centred 0–255 values. */
function toNetworkInput(pixels: Uint8Array): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] - VGG_CHANNEL_MEANS[i % 3];
  return out;
}

export const vggPreprocessing: PreprocessingDef = { name: 'vgg', planGeometry, toNetworkInput };
