// Typed errors of the TFRecord and tf.train.Example codec; each names the file or key and the byte offset at fault.

/** Same strings as `@finetune/runtime`'s ErrorKind, so the service edge maps them without this lib depending on gRPC. */
export type TFRecordErrorKind = 'invalid-argument' | 'failed-precondition';

/** A record that is not what its framing says: which CRC failed, in which file, at which record offset. */
export class TFRecordCorruptError extends Error {
  readonly kind: TFRecordErrorKind = 'invalid-argument';
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
    super(`${file}: corrupt TFRecord at byte offset ${offset}: ${detail}`, options);
    this.name = 'TFRecordCorruptError';
  }
}

/** The file ends inside a record (or inside its GZIP stream). */
export class TFRecordTruncatedError extends Error {
  readonly kind: TFRecordErrorKind = 'invalid-argument';
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
      `${file}: truncated TFRecord at byte offset ${offset}: needs ${needed} bytes, the file has ${available} left`,
      options,
    );
    this.name = 'TFRecordTruncatedError';
  }
}

/** The GZIP layer itself is broken (bad header, bad deflate data, bad trailer CRC). */
export class TFRecordCompressionError extends Error {
  readonly kind: TFRecordErrorKind = 'invalid-argument';
  constructor(
    readonly file: string,
    /** Uncompressed bytes successfully read before the failure. */
    readonly offset: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: broken GZIP data after ${offset} uncompressed bytes: ${detail}`, options);
    this.name = 'TFRecordCompressionError';
  }
}

/** A writer used after close/abort, or closed twice. */
export class TFRecordWriterStateError extends Error {
  readonly kind: TFRecordErrorKind = 'failed-precondition';
  constructor(
    readonly file: string,
    readonly state: string,
  ) {
    super(`${file}: TFRecord writer is ${state}`);
    this.name = 'TFRecordWriterStateError';
  }
}

/** Bytes that do not parse as the protobuf message they should be; `offset` is within the record. */
export class ExampleDecodeError extends Error {
  readonly kind: TFRecordErrorKind = 'invalid-argument';
  constructor(
    /** 'tf.train.Example', 'tf.train.Feature', ... */
    readonly messageType: string,
    readonly offset: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot decode ${messageType}: ${detail} at byte ${offset} of the record`, options);
    this.name = 'ExampleDecodeError';
  }
}

/** A feature that an image Example needs is absent or has the wrong kind or length. */
export class ImageExampleError extends Error {
  readonly kind: TFRecordErrorKind = 'invalid-argument';
  constructor(
    /** The feature key at fault, e.g. `image/class/label`. */
    readonly key: string,
    detail: string,
  ) {
    super(`image Example feature '${key}': ${detail}`);
    this.name = 'ImageExampleError';
  }
}
