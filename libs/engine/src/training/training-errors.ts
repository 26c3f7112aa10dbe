// Typed errors of the training engine; each names the step, variable, option or example at fault.

/** The total loss of a step was NaN or infinite; nothing was updated (as Slim's check_numerics stops the step). */
export class NonFiniteLossError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'failed-precondition';
  override readonly name = 'NonFiniteLossError';

  constructor(
    readonly step: number,
    readonly loss: number,
  ) {
    super(`loss is ${loss} at step ${step}; no variable was updated. Lower --learning_rate or check the input data`);
  }
}

/** A trainable name matches no variable of the model. */
export class UnknownVariableError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'UnknownVariableError';

  constructor(
    readonly variable: string,
    readonly nearby: readonly string[],
  ) {
    super(
      `trainable variable ${variable} is not in the model` +
        (nearby.length > 0 ? `; variables with the same scope: ${nearby.slice(0, 5).join(', ')}` : ''),
    );
  }
}

/** A training option is out of range or contradicts another one. */
export class InvalidTrainingOptionError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'InvalidTrainingOptionError';

  constructor(
    readonly option: string,
    readonly why: string,
  ) {
    super(`training option ${option}: ${why}`);
  }
}

/** A batch handed to step() does not fit the model (shape, labels, ids). */
export class InvalidBatchError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'InvalidBatchError';

  constructor(
    readonly field: string,
    readonly why: string,
  ) {
    super(`training batch ${field}: ${why}`);
  }
}

/** The model cannot be trained by the engine (e.g. logits that are not [batch, classes]). */
export class UnsupportedModelError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'UnsupportedModelError';

  constructor(
    readonly what: string,
    readonly why: string,
  ) {
    super(`${what}: ${why}`);
  }
}

/** stepFromCache() was asked for an example whose features were never cached. */
export class FeatureCacheMissError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'failed-precondition';
  override readonly name = 'FeatureCacheMissError';

  constructor(readonly exampleId: string) {
    super(`example ${exampleId} has no cached features; run an epoch with step() and exampleIds first`);
  }
}

/** importState() got an entry that is neither a variable, an optimizer slot nor global_step. */
export class UnknownStateEntryError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'UnknownStateEntryError';

  constructor(readonly entry: string) {
    super(`state entry ${entry} belongs to no variable, optimizer slot or global_step of this session`);
  }
}
