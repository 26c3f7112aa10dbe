// Original file: proto/finetune/common/v1/model.proto

import type { Preprocessing as _finetune_common_v1_Preprocessing, Preprocessing__Output as _finetune_common_v1_Preprocessing__Output } from '../../../finetune/common/v1/Preprocessing';

/**
 * The input a served model takes: a square RGB image of a fixed size, preprocessed one way.
 */
export interface InputSpec {
  /**
   * Height of the network input in pixels (e.g. 299 for inception_v3, 224 for mobilenet_v2).
   */
  'height_px'?: (number);
  /**
   * Width of the network input in pixels; equal to height_px for every network Finetune knows.
   */
  'width_px'?: (number);
  /**
   * Number of colour channels; always 3 (RGB) today.
   */
  'channels'?: (number);
  /**
   * How pixel values are scaled after resizing.
   */
  'preprocessing'?: (_finetune_common_v1_Preprocessing);
  /**
   * What transparent pixels are composited on before anything else, `#rrggbb` (training's
   * `--alpha_background`); every image is decoded to 8-bit sRGB.
   */
  'alpha_background'?: (string);
}

/**
 * The input a served model takes: a square RGB image of a fixed size, preprocessed one way.
 */
export interface InputSpec__Output {
  /**
   * Height of the network input in pixels (e.g. 299 for inception_v3, 224 for mobilenet_v2).
   */
  'height_px': (number);
  /**
   * Width of the network input in pixels; equal to height_px for every network Finetune knows.
   */
  'width_px': (number);
  /**
   * Number of colour channels; always 3 (RGB) today.
   */
  'channels': (number);
  /**
   * How pixel values are scaled after resizing.
   */
  'preprocessing': (_finetune_common_v1_Preprocessing__Output);
  /**
   * What transparent pixels are composited on before anything else, `#rrggbb` (training's
   * `--alpha_background`); every image is decoded to 8-bit sRGB.
   */
  'alpha_background': (string);
}
