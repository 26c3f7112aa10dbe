// Preprocessing belongs to the weights: a net is fed the input its weights were trained on, unless the user says
// otherwise. One rule for training, evaluation, export and serving.
import type { NetDef, PreprocessingName } from '../net-def';

export interface PreprocessingChoice {
  preprocessing: PreprocessingName;
  /** Set when --preprocessing_name contradicts what the weights record: the line to log as a warning. */
  warning?: string;
}

/**
 * `flag` (--preprocessing_name) wins; else what the weights record (`recorded`, from a builtin or a checkpoint's
 * sidecar, naming `source`); else the net's own Slim preprocessing, which TF-Slim's checkpoints were trained with.
 */
export function choosePreprocessing(
  flag: PreprocessingName | undefined,
  recorded: PreprocessingName | undefined,
  net: Pick<NetDef, 'preprocessing'>,
  source: string,
): PreprocessingChoice {
  if (flag === undefined) return { preprocessing: recorded ?? net.preprocessing };
  if (recorded !== undefined && recorded !== flag) {
    return {
      preprocessing: flag,
      warning: `--preprocessing_name=${flag} contradicts ${source}, whose weights were trained on ${recorded} preprocessing; using ${flag}`,
    };
  }
  return { preprocessing: flag };
}
