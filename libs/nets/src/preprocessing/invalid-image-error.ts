// The typed error for an image that cannot be decoded or preprocessed; it names the image's source.
import { NetsError } from '../errors';

export class InvalidImageError extends NetsError {
  constructor(
    /** Where the image came from, e.g. a file path or 'request'. */
    readonly source: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${source}: ${reason}`, options);
  }
}
