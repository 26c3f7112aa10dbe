// Typed errors of the TFRecord and tf.train.Example codec; each names the file or key and the byte offset at fault.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** The kinds of failure this library reports: a part of FinetuneError's ErrorKind. */
export type TFRecordErrorKind = 'invalid-argument' | 'failed-precondition';

/** A record that is not what its framing says: which CRC failed, in which file, at which record offset. */
export class TFRecordCorruptError extends FinetuneError {
  constructor(
    /** The file path, or the name given for a stream. */
    readonly file: string,
    /** Byte offset of the record's first length byte (in the uncompressed stream, for GZIP files). */
    readonly offset: number,
    /** Which check failed. */
    readonly check: 'length-crc' | 'data-crc' | 'length',
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${file}: corrupt TFRecord at byte offset ${offset}: ${detail}`, options);
  }
}

/** The file ends inside a record (or inside its GZIP stream). */
export class TFRecordTruncatedError extends FinetuneError {
  constructor(
    readonly file: string,
    /** Byte offset of the record that is cut short. */
    readonly offset: number,
    /** Bytes the record needs from its offset on, and bytes present. */
    readonly needed: number,
    readonly available: number,
    options?: { cause?: unknown },
  ) {
    super(
      'invalid-argument',
      `${file}: truncated TFRecord at byte offset ${offset}: needs ${needed} bytes, the file has ${available} left`,
      options,
    );
  }
}

/** The GZIP layer itself is broken (bad header, bad deflate data, bad trailer CRC). */
export class TFRecordCompressionError extends FinetuneError {
  constructor(
    readonly file: string,
    /** Uncompressed bytes successfully read before the failure. */
    readonly offset: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `${file}: broken GZIP data after ${offset} uncompressed bytes: ${detail}`, options);
  }
}

/** A writer used after close/abort, or closed twice. */
export class TFRecordWriterStateError extends FinetuneError {
  constructor(
    readonly file: string,
    readonly state: string,
  ) {
    super('failed-precondition', `${file}: TFRecord writer is ${state}`);
  }
}

/** Bytes that do not parse as the protobuf message they should be; `offset` is within the record. */
export class ExampleDecodeError extends FinetuneError {
  constructor(
    /** 'tf.train.Example', 'tf.train.Feature', ... */
    readonly messageType: string,
    readonly offset: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-argument', `cannot decode ${messageType}: ${detail} at byte ${offset} of the record`, options);
  }
}

/** A feature that an image Example needs is absent or has the wrong kind or length. */
export class ImageExampleError extends FinetuneError {
  constructor(
    /** The feature key at fault, e.g. `image/class/label`. */
    readonly key: string,
    detail: string,
  ) {
    super('invalid-argument', `image Example feature '${key}': ${detail}`);
  }
}
