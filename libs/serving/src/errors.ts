// Typed errors of the serving library: each names the model, version, file, field or image at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** The kinds of failure this library reports: a part of FinetuneError's ErrorKind. */
export type ServingErrorKind = 'invalid-argument' | 'not-found' | 'already-exists' | 'failed-precondition' | 'resource-exhausted' | 'unavailable';

/** Base class, so callers can catch every error of this library at once. */
export class ServingError extends FinetuneError<ServingErrorKind> {}

/** No served model of that name, or no such version of it, in the repository or loaded in the service. */
export class ModelNotFoundError extends ServingError {
  constructor(
    readonly model: string,
    readonly version: number | undefined,
    detail: string,
  ) {
    super('not-found', `${version === undefined ? `model "${model}"` : `model "${model}" version ${version}`}: ${detail}`);
  }
}

/** An exported model on disk that cannot be served: missing file, bad metadata, checksum mismatch. */
export class InvalidModelError extends ServingError {
  constructor(
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('failed-precondition', `${path}: ${reason}`, options);
  }
}

/** The bytes given as an image are not a JPEG, PNG or WebP image. */
export class NotAnImageError extends ServingError {
  constructor(
    readonly source: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${source}: ${reason}`, options);
  }
}

/** An image whose header declares more pixels than allowed (a decompression bomb), or too many bytes. */
export class ImageTooLargeError extends ServingError {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super('resource-exhausted', `${source}: ${reason}`);
  }
}

/** A request field with a value outside what is accepted, e.g. `top_k`. */
export class InvalidRequestError extends ServingError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super('invalid-argument', `${field}: ${reason}`);
  }
}

/** No checkpoint matches the selector (newest, step, best) in a train directory. */
export class CheckpointNotFoundError extends ServingError {
  constructor(
    readonly trainDir: string,
    reason: string,
  ) {
    super('not-found', `${trainDir}: ${reason}`);
  }
}

/** Best-by-accuracy was asked for but the evaluator has not written any evaluation yet. */
export class NoEvaluationsError extends ServingError {
  constructor(readonly evalDir: string) {
    super('failed-precondition', `no evaluations yet in ${evalDir}: run the evaluator on this train dir first, or export the newest checkpoint or a step`);
  }
}

/** Export inputs that do not fit together: labels against classes, a bad image size, a missing label file. */
export class InvalidExportError extends ServingError {
  constructor(
    readonly field: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${field}: ${reason}`, options);
  }
}

/** The request queue of a model is full: the service is overloaded, the client should back off. */
export class QueueFullError extends ServingError {
  constructor(
    readonly model: string,
    readonly limit: number,
  ) {
    super('resource-exhausted', `model "${model}": ${limit} requests already queued; retry later or add replicas`);
  }
}

/** A model version that was retired or disposed while a request waited for it (the service is stopping). */
export class ModelUnavailableError extends ServingError {
  constructor(
    readonly model: string,
    reason: string,
  ) {
    super('unavailable', `model "${model}": ${reason}`);
  }
}
