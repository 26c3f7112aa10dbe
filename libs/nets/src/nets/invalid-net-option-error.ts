// The typed error for a NetOptions value a network cannot be built with; it names the net and the option.
import { NetsError } from '../errors';

export class InvalidNetOptionError extends NetsError {
  constructor(
    /** Model name as users type it, e.g. 'vgg_16'. */
    readonly net: string,
    /** The NetOptions field at fault, e.g. 'imageSize'. */
    readonly option: string,
    readonly value: unknown,
    reason: string,
  ) {
    super('invalid-argument', `${net}: ${option}=${String(value)} ${reason}`);
  }
}
