// Typed errors of optimizer choice and optimizer state; each names the flag or the state entry at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** --optimizer names something the factory does not know. */
export class UnknownOptimizerError extends FinetuneError {
  constructor(
    readonly optimizer: string,
    readonly allowed: readonly string[],
  ) {
    super('invalid-argument', `--optimizer=${JSON.stringify(optimizer)} is not an optimizer; allowed values: ${allowed.join(', ')}`);
  }
}

/** An optimizer hyper-parameter is out of range (e.g. a negative epsilon). */
export class InvalidOptimizerOptionError extends FinetuneError {
  constructor(
    readonly flag: string,
    readonly value: number,
    readonly why: string,
  ) {
    super('invalid-argument', `--${flag}=${value} is invalid: ${why}`);
  }
}

/** A saved state tensor (variable, slot) does not have the shape of what it restores. */
export class StateShapeError extends FinetuneError {
  constructor(
    readonly entry: string,
    readonly expected: readonly number[],
    readonly actual: readonly number[],
  ) {
    super('invalid-argument', `state entry ${entry} has shape [${actual.join(',')}] but [${expected.join(',')}] is expected`);
  }
}

/** Gradients were given for a parameter the optimizer was never told about. */
export class UnregisteredParameterError extends FinetuneError {
  constructor(readonly parameter: string) {
    super('failed-precondition', `optimizer has no slots for ${parameter}; register() every trained variable before applying gradients`);
  }
}
