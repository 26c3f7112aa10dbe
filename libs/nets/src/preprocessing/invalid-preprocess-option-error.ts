// The typed error for a preprocessing option that cannot be used; it names the option.
import { NetsError } from '../errors';

export class InvalidPreprocessOptionError extends NetsError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    reason: string,
  ) {
    super('invalid-argument', `preprocessing option ${option}=${String(value)} ${reason}`);
  }
}
