// TF-Slim's preprocessing_factory: one map from preprocessing name to its definition.
import type { PreprocessingName } from '../net-def';
import { inceptionPreprocessing } from './inception-preprocessing';
import { InvalidPreprocessingNameError } from './invalid-preprocessing-name-error';
import type { PreprocessingDef } from './preprocessing-def';
import { UnknownPreprocessingError } from './unknown-preprocessing-error';
import { unitPreprocessing } from './unit-preprocessing';
import { vggPreprocessing } from './vgg-preprocessing';

const preprocessings: Record<PreprocessingName, PreprocessingDef> = {
  inception: inceptionPreprocessing,
  vgg: vggPreprocessing,
  unit: unitPreprocessing,
};

/** The names --preprocessing_name accepts. */
export function preprocessingNames(): PreprocessingName[] {
  return Object.keys(preprocessings) as PreprocessingName[];
}

/**
 * A preprocessing name as it arrives from a flag, a request or a file, checked once where it enters; `field`
 * names where it came from in the error.
 */
export function parsePreprocessingName(field: string, value: unknown): PreprocessingName {
  if (typeof value !== 'string' || !Object.hasOwn(preprocessings, value)) throw new InvalidPreprocessingNameError(field, value, preprocessingNames());
  return value as PreprocessingName;
}

export function getPreprocessing(name: PreprocessingName): PreprocessingDef {
  // Names can arrive from artifacts and flags at run time, whatever the static type says.
  const preprocessing = Object.hasOwn(preprocessings, name) ? preprocessings[name] : undefined;
  if (!preprocessing) throw new UnknownPreprocessingError(name, Object.keys(preprocessings));
  return preprocessing;
}
