// Typed errors of a training job; each names the flag, train dir or step at fault, with the runtime's `kind`.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** A training flag with a bad value; the message names the flag as the user typed it. */
export class TrainOptionError extends FinetuneError {
  constructor(
    /** Flag without dashes, e.g. 'optimizer'. */
    readonly flag: string,
    readonly value: unknown,
    readonly why: string,
    cause?: unknown,
  ) {
    super('invalid-argument', `--${flag} ${JSON.stringify(value)}: ${why}`, { cause });
  }
}

/** Another live job (in this process or another) is training into the same train dir. */
export class TrainDirBusyError extends FinetuneError {
  constructor(
    readonly trainDir: string,
    readonly holder: string,
  ) {
    super('already-exists', `--train_dir ${trainDir} is in use by ${holder}; wait for it to end or stop it first`);
  }
}

/** The checkpoint in train_dir does not belong to this job's model or dataset. */
export class ResumeMismatchError extends FinetuneError {
  constructor(
    readonly checkpoint: string,
    readonly why: string,
    cause?: unknown,
  ) {
    super('failed-precondition', `cannot resume from ${checkpoint}: ${why}; use another --train_dir to start afresh`, { cause });
  }
}
