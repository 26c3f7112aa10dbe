// inception_preprocessing.distort_color on interleaved RGB floats in [0, 1], with its random draws made explicit.
import { type Random, randomInt, uniform } from './random';

/** One draw of distort_color's random parameters. */
export interface ColorDistortion {
  /** Which of the reference's op orderings (fast mode: 0–1, full: 0–3). */
  ordering: number;
  /** Only brightness and saturation, as the reference's default fast_mode=True. */
  fastMode: boolean;
  brightnessDelta: number;
  saturationFactor: number;
  hueDelta: number;
  contrastFactor: number;
}

const MAX_BRIGHTNESS_DELTA = 32 / 255;
const SATURATION_RANGE: [number, number] = [0.5, 1.5];
const MAX_HUE_DELTA = 0.2;
const CONTRAST_RANGE: [number, number] = [0.5, 1.5];
/** preprocess_for_train uses one ordering in fast mode and four otherwise (apply_with_random_selector). */
const ORDERINGS = { fast: 1, full: 4 } as const;

export function sampleColorDistortion(random: Random, fastMode: boolean): ColorDistortion {
  return {
    ordering: randomInt(random, 0, (fastMode ? ORDERINGS.fast : ORDERINGS.full) - 1),
    fastMode,
    brightnessDelta: uniform(random, -MAX_BRIGHTNESS_DELTA, MAX_BRIGHTNESS_DELTA),
    saturationFactor: uniform(random, ...SATURATION_RANGE),
    hueDelta: uniform(random, -MAX_HUE_DELTA, MAX_HUE_DELTA),
    contrastFactor: uniform(random, ...CONTRAST_RANGE),
  };
}

type Op = 'brightness' | 'saturation' | 'hue' | 'contrast';

/** distort_color's orderings, by fast_mode then color_ordering. */
const FAST_ORDERS: Op[][] = [
  ['brightness', 'saturation'],
  ['saturation', 'brightness'],
];
const FULL_ORDERS: Op[][] = [
  ['brightness', 'saturation', 'hue', 'contrast'],
  ['saturation', 'brightness', 'contrast', 'hue'],
  ['contrast', 'hue', 'brightness', 'saturation'],
  ['hue', 'saturation', 'contrast', 'brightness'],
];

/** Distorts in place and clips to [0, 1] at the end, as the reference does (not between ops). */
export function distortColor(pixels: Float32Array, distortion: ColorDistortion): void {
  const order = (distortion.fastMode ? FAST_ORDERS : FULL_ORDERS)[distortion.ordering];
  if (!order) throw new Error(`colour ordering ${distortion.ordering} does not exist`);
  for (const op of order) {
    if (op === 'brightness') adjustBrightness(pixels, distortion.brightnessDelta);
    else if (op === 'saturation') adjustHsv(pixels, distortion.saturationFactor, 0);
    else if (op === 'hue') adjustHsv(pixels, 1, distortion.hueDelta);
    else adjustContrast(pixels, distortion.contrastFactor);
  }
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(1, Math.max(0, pixels[i]));
}

function adjustBrightness(pixels: Float32Array, delta: number): void {
  for (let i = 0; i < pixels.length; i++) pixels[i] += delta;
}

/** tf.image.adjust_contrast: (x - mean) * factor + mean, the mean per channel over the image. */
function adjustContrast(pixels: Float32Array, factor: number): void {
  const count = pixels.length / 3;
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let i = c; i < pixels.length; i += 3) sum += pixels[i];
    const mean = sum / count;
    for (let i = c; i < pixels.length; i += 3) pixels[i] = (pixels[i] - mean) * factor + mean;
  }
}

/** tf.image.adjust_saturation / adjust_hue: through HSV; saturation is clipped to [0, 1], hue wraps. */
function adjustHsv(pixels: Float32Array, saturationFactor: number, hueDelta: number): void {
  for (let i = 0; i < pixels.length; i += 3) {
    const r = pixels[i];
    const g = pixels[i + 1];
    const b = pixels[i + 2];
    const max = Math.max(r, g, b);
    const range = max - Math.min(r, g, b);
    let s = max > 0 ? range / max : 0;
    let h = 0;
    if (range > 0) {
      if (max === r) h = (g - b) / range;
      else if (max === g) h = 2 + (b - r) / range;
      else h = 4 + (r - g) / range;
      h /= 6;
    }
    s = Math.min(1, Math.max(0, s * saturationFactor));
    h = (((h + hueDelta) % 1) + 1) % 1;
    // HSV -> RGB with v = max.
    const sector = h * 6;
    const f = sector - Math.floor(sector);
    const p = max * (1 - s);
    const q = max * (1 - s * f);
    const t = max * (1 - s * (1 - f));
    const rgb = [
      [max, t, p],
      [q, max, p],
      [p, max, t],
      [p, q, max],
      [t, p, max],
      [max, p, q],
    ][Math.floor(sector) % 6];
    pixels[i] = rgb[0];
    pixels[i + 1] = rgb[1];
    pixels[i + 2] = rgb[2];
  }
}
