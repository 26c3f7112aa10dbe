// Typed errors of optimizer choice and optimizer state; each names the flag or the state entry at fault.

/** --optimizer names something the factory does not know. */
export class UnknownOptimizerError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'UnknownOptimizerError';

  constructor(
    readonly optimizer: string,
    readonly allowed: readonly string[],
  ) {
    super(`--optimizer=${JSON.stringify(optimizer)} is not an optimizer; allowed values: ${allowed.join(', ')}`);
  }
}

/** An optimizer hyper-parameter is out of range (e.g. a negative epsilon). */
export class InvalidOptimizerOptionError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'InvalidOptimizerOptionError';

  constructor(
    readonly flag: string,
    readonly value: number,
    readonly why: string,
  ) {
    super(`--${flag}=${value} is invalid: ${why}`);
  }
}

/** A saved state tensor (variable, slot) does not have the shape of what it restores. */
export class StateShapeError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'StateShapeError';

  constructor(
    readonly entry: string,
    readonly expected: readonly number[],
    readonly actual: readonly number[],
  ) {
    super(`state entry ${entry} has shape [${actual.join(',')}] but [${expected.join(',')}] is expected`);
  }
}

/** Gradients were given for a parameter the optimizer was never told about. */
export class UnregisteredParameterError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'failed-precondition';
  override readonly name = 'UnregisteredParameterError';

  constructor(readonly parameter: string) {
    super(`optimizer has no slots for ${parameter}; register() every trained variable before applying gradients`);
  }
}
