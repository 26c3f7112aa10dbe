// A version's input as the contract's InputSpec: one mapping for the exporter's messages and the inference service's.
import type { commonV1 } from '@finetune/contracts';
import { DEFAULT_ALPHA_BACKGROUND, type PreprocessingName } from '@finetune/nets';
import type { ModelMetadata } from './model-metadata';

const PREPROCESSING_ENUM: Record<PreprocessingName, commonV1.Preprocessing> = {
  inception: 'PREPROCESSING_INCEPTION',
  vgg: 'PREPROCESSING_VGG',
  unit: 'PREPROCESSING_UNIT',
};

export function inputSpecMessage(m: Pick<ModelMetadata, 'imageSize' | 'preprocessing' | 'alphaBackground'>): commonV1.InputSpec {
  const alpha_background = m.alphaBackground ?? DEFAULT_ALPHA_BACKGROUND;
  return { height_px: m.imageSize, width_px: m.imageSize, channels: 3, preprocessing: PREPROCESSING_ENUM[m.preprocessing], alpha_background };
}
