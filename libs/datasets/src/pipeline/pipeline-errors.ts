// Typed errors of the input pipeline; each names the shard and example, or the worker, at fault.
import { DatasetError } from '../errors';

/** An example whose image cannot be decoded or preprocessed; `shard` is the shard's path. */
export class ExampleImageError extends DatasetError {
  constructor(
    readonly shard: string,
    /** Index of the record within its shard. */
    readonly index: number,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${shard}: example ${index}: the image cannot be decoded or preprocessed: ${reason}`, options);
  }
}

/** An example whose label is not one of the manifest's classes, so no logit can stand for it. */
export class LabelOutOfRangeError extends DatasetError {
  constructor(
    readonly shard: string,
    readonly index: number,
    readonly label: number,
    readonly numClasses: number,
  ) {
    super('invalid-argument', `${shard}: example ${index}: label ${label} is outside the manifest's ${numClasses} classes (0..${numClasses - 1})`);
  }
}

/** The pipeline's AbortSignal fired. */
export class PipelineAbortedError extends DatasetError {
  constructor(options?: { cause?: unknown }) {
    super('cancelled', 'the input pipeline was aborted', options);
  }
}

/** A preprocessing worker thread crashed or exited for a reason other than a bad image. */
export class PipelineWorkerError extends DatasetError {
  constructor(
    readonly worker: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('failed-precondition', `input pipeline worker ${worker} failed: ${detail}`, options);
  }
}
