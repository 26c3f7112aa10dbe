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

/**
 * A thread's wasm heap (at most 4 GiB) could not hold the job and its runtime aborted mid-step: the job is over
 * (that heap is unusable), and the message says what to make smaller.
 */
export class TrainingMemoryError extends FinetuneError {
  constructor(
    readonly modelName: string,
    readonly what: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    super(
      'resource-exhausted',
      `${modelName}, ${what}: out of memory (a wasm heap holds at most 4 GiB a thread): ${why}; train fewer layers (--trainable_scopes), or lower --batch_size or --train_image_size`,
      { cause },
    );
  }
}

/** Whether `error` is the wasm runtime out of memory, on this thread (an abort, an access past the heap) or a worker's. */
export function isWasmMemoryFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return /memory access out of bounds|Aborted\(|Cannot enlarge memory|Out of memory/i.test(text);
}
