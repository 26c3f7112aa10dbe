// What every network in the zoo provides: one record per net, so nothing lives in parallel maps.
import type * as tf from '@tensorflow/tfjs';

/** The model names users type, as in TF-Slim's nets_factory. */
export type NetName = 'inception_v3' | 'mobilenet_v1' | 'mobilenet_v2' | 'resnet_v1_50' | 'vgg_16';

/**
 * How pixels are turned into network input (TF-Slim's preprocessing_factory): 'inception' [-1, 1] and 'vgg'
 * (mean-centred 0–255) as TF-Slim's checkpoints expect; 'unit' [0, 1], the builtin nsfwjs backbones' input.
 */
export type PreprocessingName = 'inception' | 'vgg' | 'unit';

export interface NetOptions {
  /** Number of output classes of the new head (TF-Slim counts a background class only for its own ImageNet files). */
  numClasses: number;
  /** Square input size in pixels. @default the net's defaultImageSize */
  imageSize?: number;
  /** Channel multiplier of MobileNets (0.25–1.4). @default 1.0 */
  depthMultiplier?: number;
  /** Dropout keep probability before the logits. @default the reference's value for the net */
  dropoutKeepProb?: number;
}

/** A built network: a layers model whose weights carry TF-Slim variable names. */
export interface Net {
  /** Inputs [batch, size, size, 3] preprocessed; outputs: logits first, then aux logits where the net has them. */
  model: tf.LayersModel;
  /** Named end points (TF-Slim's end_points), e.g. 'Mixed_7c', 'PreLogits', 'Logits'. */
  endPoints: Record<string, tf.SymbolicTensor>;
  /** Every variable by its TF-Slim checkpoint name, e.g. 'MobilenetV2/Conv/weights'. */
  variables: Map<string, tf.LayerVariable>;
}

export interface NetDef {
  name: NetName;
  /** Top-level variable scope, e.g. 'InceptionV3'. */
  scope: string;
  defaultImageSize: number;
  preprocessing: PreprocessingName;
  /** Scopes of the classification head: the default --checkpoint_exclude_scopes when the class count changes. */
  headScopes: string[];
  build(options: NetOptions): Net;
}
