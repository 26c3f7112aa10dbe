// What each preprocessing style (TF-Slim's preprocessing_factory entries) provides, split into geometry and pixels.
import type { PreprocessingName } from '../net-def';
import type { GeometryPlan } from './geometry-plan';
import type { Random } from './random';

export interface PreprocessOptions {
  /** Side of the square network input in pixels (the net's image size). */
  size: number;
  /** Training applies the random distortions; evaluation and serving are deterministic. */
  training: boolean;
  /** Uniform source in [0, 1) for the training distortions. @default Math.random */
  random?: Random;
  /** Inception only: brightness and saturation alone, as the reference's default. @default true */
  fastMode?: boolean;
  /** What transparent pixels are composited on (--alpha_background): `#rrggbb`, white or black. @default '#ffffff' */
  background?: string;
  /** Names the image in errors, e.g. its file path. @default 'image' */
  source?: string;
}

export type ResolvedPreprocessOptions = Required<PreprocessOptions>;

export interface PreprocessingDef {
  name: PreprocessingName;
  /** Chooses crop, resize and flip for a source image of this size; draws first from options.random. */
  planGeometry(width: number, height: number, options: ResolvedPreprocessOptions): GeometryPlan;
  /** Turns the size*size RGB bytes the plan produced into network input; draws after planGeometry. */
  toNetworkInput(pixels: Uint8Array, options: ResolvedPreprocessOptions): Float32Array;
}
