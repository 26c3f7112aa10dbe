// Typed errors of the checkpoint library: each names the file, variable or offset at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** Base class, so callers (and the runtime's status mapping) can catch every checkpoint error at once. */
export class CheckpointError extends FinetuneError<'invalid-argument' | 'not-found'> {}

/** The path is not a checkpoint at all: missing, wrong magic, not a table, no `checkpoint` state. */
export class NotACheckpointError extends CheckpointError {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${path} is not a TensorFlow checkpoint: ${reason}`, options);
  }
}

/** A structure runs past the end of its file or block. */
export class TruncatedCheckpointError extends CheckpointError {
  constructor(
    readonly file: string,
    readonly offset: number,
    what: string,
  ) {
    super('invalid-argument', `${file} is truncated: ${what} at byte offset ${offset} runs past the end`);
  }
}

/** A CRC does not match or a record cannot be decoded. */
export class CorruptCheckpointError extends CheckpointError {
  constructor(
    readonly file: string,
    readonly variable: string | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${file}${variable !== undefined ? ` (variable ${JSON.stringify(variable)})` : ''} is corrupt: ${detail}`, options);
  }
}

/** A valid checkpoint uses something this reader does not implement (big-endian, complex dtypes...). */
export class UnsupportedCheckpointError extends CheckpointError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super('invalid-argument', `${file}: ${detail} is not supported`);
  }
}

export class UnknownVariableError extends CheckpointError {
  constructor(
    readonly variable: string,
    readonly closeNames: string[],
    readonly checkpoint: string,
  ) {
    super(
      'not-found',
      `no variable ${JSON.stringify(variable)} in ${checkpoint}` +
        (closeNames.length ? `; close names: ${closeNames.join(', ')}` : ''),
    );
  }
}

export class ShapeMismatchError extends CheckpointError {
  constructor(
    readonly variable: string,
    readonly expected: readonly number[],
    readonly actual: readonly number[],
  ) {
    super('invalid-argument', `variable ${variable}: the model expects shape [${expected.join(',')}] but the checkpoint has [${actual.join(',')}]`);
  }
}

/** Values handed to the writer do not agree with their declared dtype or shape. */
export class InvalidVariableError extends CheckpointError {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super('invalid-argument', `variable ${JSON.stringify(variable)}: ${detail}`);
  }
}

/** Checkpoint metadata (the `.meta.json` sidecar) that is missing a field or contradicts itself. */
export class InvalidCheckpointMetaError extends CheckpointError {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super('invalid-argument', `${file}: field ${field} ${detail}`);
  }
}
