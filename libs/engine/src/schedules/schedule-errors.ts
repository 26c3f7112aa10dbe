// Typed errors of learning-rate schedule choice; each names the flag at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** --learning_rate_decay_type names something the factory does not know. */
export class UnknownScheduleError extends FinetuneError {
  constructor(
    readonly schedule: string,
    readonly allowed: readonly string[],
  ) {
    super('invalid-argument', `--learning_rate_decay_type=${JSON.stringify(schedule)} is not a schedule; allowed values: ${allowed.join(', ')}`);
  }
}

/** A schedule flag is out of range, or the flags combine into no decay step at all. */
export class InvalidScheduleOptionError extends FinetuneError {
  constructor(
    readonly flag: string,
    readonly value: number,
    readonly why: string,
  ) {
    super('invalid-argument', `--${flag}=${value} is invalid: ${why}`);
  }
}
