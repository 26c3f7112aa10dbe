// Typed errors of evaluation; each names the checkpoint, dataset, option or record at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** The kinds of failure this library reports: a part of FinetuneError's ErrorKind. */
export type EvaluationErrorKind = 'invalid-argument' | 'not-found' | 'failed-precondition' | 'cancelled';

export class EvaluationError extends FinetuneError<EvaluationErrorKind> {}

/**
 * The checkpoint named does not exist (any more): a missing prefix, or a train dir with no complete
 * checkpoint. The evaluator treats it as "deleted by the keep-newest rule" and records it as skipped.
 */
export class CheckpointNotFoundError extends EvaluationError {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('not-found', `checkpoint ${path} not found: ${reason}`, options);
  }
}

/** An evaluation option (a flag of eval_image_classifier) with a bad value. */
export class EvaluationOptionError extends EvaluationError {
  constructor(
    /** The flag as users type it, e.g. `batch_size`. */
    readonly option: string,
    readonly value: unknown,
    reason: string,
  ) {
    super('invalid-argument', `--${option}=${String(value)}: ${reason}`);
  }
}

/** The dataset and the checkpoint do not fit together (class count, label range, dataset name). */
export class DatasetMismatchError extends EvaluationError {
  constructor(
    /** The dataset file or field at fault, e.g. `flowers/manifest.json numClasses`. */
    readonly where: string,
    reason: string,
  ) {
    super('invalid-argument', `${where}: ${reason}`);
  }
}

/** The split exists but holds no images, so there is nothing to measure. */
export class EmptySplitError extends EvaluationError {
  constructor(
    readonly datasetDir: string,
    readonly split: string,
  ) {
    super('failed-precondition', `${datasetDir}: the ${split} split has no images; convert a dataset with a ${split} split first`);
  }
}

/** The evaluation was stopped by its AbortSignal (shutdown, or the caller went away). */
export class EvaluationAbortedError extends EvaluationError {
  constructor(
    readonly checkpoint: string,
    options?: { cause?: unknown },
  ) {
    super('cancelled', `evaluation of ${checkpoint} was stopped before it finished`, options);
  }
}

/** A stored evaluation result (`<eval_dir>/step-<N>.json`) that cannot be read back. */
export class InvalidEvaluationRecordError extends EvaluationError {
  constructor(
    readonly file: string,
    readonly field: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${file}: ${field ? `field ${field} ` : ''}${reason}`, options);
  }
}
