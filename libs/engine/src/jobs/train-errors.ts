// Typed errors of a training job; each names the flag, train dir or step at fault, with the runtime's `kind`.

/** A training flag with a bad value; the message names the flag as the user typed it. */
export class TrainOptionError extends Error {
  override readonly name = 'TrainOptionError';
  readonly kind = 'invalid-argument';

  constructor(
    /** Flag without dashes, e.g. 'optimizer'. */
    readonly flag: string,
    readonly value: unknown,
    readonly why: string,
    cause?: unknown,
  ) {
    super(`--${flag} ${JSON.stringify(value)}: ${why}`, { cause });
  }
}

/** Another live job (in this process or another) is training into the same train dir. */
export class TrainDirBusyError extends Error {
  override readonly name = 'TrainDirBusyError';
  readonly kind = 'already-exists';

  constructor(
    readonly trainDir: string,
    readonly holder: string,
  ) {
    super(`--train_dir ${trainDir} is in use by ${holder}; wait for it to end or stop it first`);
  }
}

/** The checkpoint in train_dir does not belong to this job's model or dataset. */
export class ResumeMismatchError extends Error {
  override readonly name = 'ResumeMismatchError';
  readonly kind = 'failed-precondition';

  constructor(
    readonly checkpoint: string,
    readonly why: string,
    cause?: unknown,
  ) {
    super(`cannot resume from ${checkpoint}: ${why}; use another --train_dir to start afresh`, { cause });
  }
}
