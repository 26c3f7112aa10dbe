// Typed errors of learning-rate schedule choice; each names the flag at fault.

/** --learning_rate_decay_type names something the factory does not know. */
export class UnknownScheduleError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'UnknownScheduleError';

  constructor(
    readonly schedule: string,
    readonly allowed: readonly string[],
  ) {
    super(`--learning_rate_decay_type=${JSON.stringify(schedule)} is not a schedule; allowed values: ${allowed.join(', ')}`);
  }
}

/** A schedule flag is out of range, or the flags combine into no decay step at all. */
export class InvalidScheduleOptionError extends Error {
  /** How the runtime reports it over gRPC. */
  readonly kind = 'invalid-argument';
  override readonly name = 'InvalidScheduleOptionError';

  constructor(
    readonly flag: string,
    readonly value: number,
    readonly why: string,
  ) {
    super(`--${flag}=${value} is invalid: ${why}`);
  }
}
