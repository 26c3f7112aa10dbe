// Original file: proto/finetune/common/v1/model.proto

/**
 * How pixel values are mapped before they reach the network, following the TF-Slim preprocessing the
 * network was trained with.
 */
export const Preprocessing = {
  /**
   * Not recorded; a reader must treat the artifact as invalid rather than guess.
   */
  PREPROCESSING_UNSPECIFIED: 'PREPROCESSING_UNSPECIFIED',
  /**
   * Inception style: RGB scaled from [0, 255] to [-1, 1]; used by inception_v3 and mobilenet_v1/v2.
   */
  PREPROCESSING_INCEPTION: 'PREPROCESSING_INCEPTION',
  /**
   * VGG style: per-channel ImageNet means (123.68, 116.78, 103.94) subtracted from RGB in [0, 255];
   * used by vgg_16 and resnet_v1_50.
   */
  PREPROCESSING_VGG: 'PREPROCESSING_VGG',
  /**
   * Unit range: RGB scaled from [0, 255] to [0, 1], the whole image resized; the input of the builtin
   * nsfwjs backbones (builtin:mobilenet_v2, builtin:inception_v3), which were trained on pixels / 255.
   */
  PREPROCESSING_UNIT: 'PREPROCESSING_UNIT',
} as const;

/**
 * How pixel values are mapped before they reach the network, following the TF-Slim preprocessing the
 * network was trained with.
 */
export type Preprocessing =
  /**
   * Not recorded; a reader must treat the artifact as invalid rather than guess.
   */
  | 'PREPROCESSING_UNSPECIFIED'
  | 0
  /**
   * Inception style: RGB scaled from [0, 255] to [-1, 1]; used by inception_v3 and mobilenet_v1/v2.
   */
  | 'PREPROCESSING_INCEPTION'
  | 1
  /**
   * VGG style: per-channel ImageNet means (123.68, 116.78, 103.94) subtracted from RGB in [0, 255];
   * used by vgg_16 and resnet_v1_50.
   */
  | 'PREPROCESSING_VGG'
  | 2
  /**
   * Unit range: RGB scaled from [0, 255] to [0, 1], the whole image resized; the input of the builtin
   * nsfwjs backbones (builtin:mobilenet_v2, builtin:inception_v3), which were trained on pixels / 255.
   */
  | 'PREPROCESSING_UNIT'
  | 3

/**
 * How pixel values are mapped before they reach the network, following the TF-Slim preprocessing the
 * network was trained with.
 */
export type Preprocessing__Output = typeof Preprocessing[keyof typeof Preprocessing]
