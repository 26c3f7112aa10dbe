// The typed error for a preprocessing name that preprocessing_factory does not know.
import { NetsError } from '../errors';

export class UnknownPreprocessingError extends NetsError {
  constructor(
    readonly preprocessing: string,
    readonly known: readonly string[],
  ) {
    super('not-found', `unknown preprocessing '${preprocessing}'; known: ${known.join(', ')}`);
  }
}
