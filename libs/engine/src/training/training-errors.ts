// Typed errors of the training engine; each names the step, variable, option or example at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** The total loss of a step was NaN or infinite; nothing was updated (as Slim's check_numerics stops the step). */
export class NonFiniteLossError extends FinetuneError {
  constructor(
    readonly step: number,
    readonly loss: number,
  ) {
    super('failed-precondition', `loss is ${loss} at step ${step}; no variable was updated. Lower --learning_rate or check the input data`);
  }
}

/** A trainable name matches no variable of the model. */
export class UnknownVariableError extends FinetuneError {
  constructor(
    readonly variable: string,
    readonly nearby: readonly string[],
  ) {
    super(
      'invalid-argument',
      `trainable variable ${variable} is not in the model` +
        (nearby.length > 0 ? `; variables with the same scope: ${nearby.slice(0, 5).join(', ')}` : ''),
    );
  }
}

/** A training option is out of range or contradicts another one. */
export class InvalidTrainingOptionError extends FinetuneError {
  constructor(
    readonly option: string,
    readonly why: string,
  ) {
    super('invalid-argument', `training option ${option}: ${why}`);
  }
}

/** A batch handed to step() does not fit the model (shape, labels, ids). */
export class InvalidBatchError extends FinetuneError {
  constructor(
    readonly field: string,
    readonly why: string,
  ) {
    super('invalid-argument', `training batch ${field}: ${why}`);
  }
}

/** The model cannot be trained by the engine (e.g. logits that are not [batch, classes]). */
export class UnsupportedModelError extends FinetuneError {
  constructor(
    readonly what: string,
    readonly why: string,
  ) {
    super('invalid-argument', `${what}: ${why}`);
  }
}

/** stepFromCache() was asked for an example whose features were never cached. */
export class FeatureCacheMissError extends FinetuneError {
  constructor(readonly exampleId: string) {
    super('failed-precondition', `example ${exampleId} has no cached features; run an epoch with step() and exampleIds first`);
  }
}

/** importState() got an entry that is neither a variable, an optimizer slot nor global_step. */
export class UnknownStateEntryError extends FinetuneError {
  constructor(readonly entry: string) {
    super('invalid-argument', `state entry ${entry} belongs to no variable, optimizer slot or global_step of this session`);
  }
}
