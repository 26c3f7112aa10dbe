// Typed errors of the nets library: each names the model, scope, flag or variable at fault and says what to do.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** The kinds of failure this library reports: a part of FinetuneError's ErrorKind. */
export type NetsErrorKind = 'invalid-argument' | 'not-found';

/** Base class, so callers can catch every error of this library at once. */
export class NetsError extends FinetuneError<NetsErrorKind> {}

/** `--model_name` names no network in the zoo. */
export class UnknownModelError extends NetsError {
  constructor(
    readonly model: string,
    readonly known: readonly string[],
    options?: { cause?: unknown },
  ) {
    super('not-found', `--model_name=${model}: unknown model; known models: ${known.join(', ')}`, options);
  }
}

/** A scope in `--checkpoint_exclude_scopes` or `--trainable_scopes` matches no variable of the net. */
export class UnknownScopeError extends NetsError {
  constructor(
    readonly scope: string,
    /** Top-level scopes that do exist, e.g. `InceptionV3/Logits`. */
    readonly known: readonly string[],
    /** The flag the scope came from. */
    readonly flag = '--checkpoint_exclude_scopes',
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${flag}: scope '${scope}' matches no variable; scopes that exist: ${known.join(', ')}`, options);
  }
}

/** A `builtin:` checkpoint name that is not embedded. */
export class UnknownBuiltinError extends NetsError {
  constructor(
    readonly path: string,
    readonly known: readonly string[],
    options?: { cause?: unknown },
  ) {
    super('not-found', `${path}: no such builtin checkpoint; known: ${known.join(', ')}`, options);
  }
}

/** A checkpoint variable whose shape differs from the net's variable of the same name. */
export class ShapeMismatchError extends NetsError {
  constructor(
    readonly variable: string,
    readonly netShape: readonly number[],
    readonly checkpointShape: readonly number[],
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(
      'invalid-argument',
      `${variable}: checkpoint shape [${checkpointShape.join(',')}] differs from the net's [${netShape.join(',')}]; ${hint}`,
      options,
    );
  }
}

/** The head's class count differs from the checkpoint's and the head was not excluded. */
export class ClassCountMismatchError extends ShapeMismatchError {
  constructor(
    variable: string,
    netShape: readonly number[],
    checkpointShape: readonly number[],
    /** The scopes to exclude, e.g. `InceptionV3/Logits,InceptionV3/AuxLogits`. */
    readonly headScopes: readonly string[],
  ) {
    super(
      variable,
      netShape,
      checkpointShape,
      `the checkpoint has ${checkpointShape.at(-1)} classes and the net ${netShape.at(-1)}: ` +
        `exclude the head with --checkpoint_exclude_scopes=${headScopes.join(',')}`,
    );
  }
}

/** Variables of the net that the checkpoint lacks, with exclusion not asked for (the reference's ignore_missing_vars=False). */
export class MissingVariablesError extends NetsError {
  constructor(
    readonly checkpoint: string,
    readonly variables: readonly string[],
    hint: string,
  ) {
    const shown = variables.slice(0, 5).join(', ') + (variables.length > 5 ? `, … (${variables.length} in all)` : '');
    super('invalid-argument', `${checkpoint} lacks variables of the net: ${shown}; ${hint}`);
  }
}
