// The typed error for a preprocessing name given in a flag, request field or file that names no preprocessing.
import { NetsError } from '../errors';

export class InvalidPreprocessingNameError extends NetsError {
  constructor(
    /** Where the name came from: `preprocessing_name`, `--preprocessing_name`, a file's field. */
    readonly field: string,
    readonly value: unknown,
    readonly known: readonly string[],
  ) {
    super('invalid-argument', `${field}: ${JSON.stringify(value)} is not a preprocessing; type one of ${known.join(', ')}`);
  }
}
