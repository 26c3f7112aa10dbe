// Public API of @finetune/tfrecord: CRC-32C, TFRecord files, and the tf.train.Example codec.
export { crc32c, maskCrc, unmaskCrc, maskedCrc32c } from './crc32c';
export {
  TFRecordCorruptError,
  TFRecordTruncatedError,
  TFRecordCompressionError,
  TFRecordWriterStateError,
  ExampleDecodeError,
  ImageExampleError,
  type TFRecordErrorKind,
} from './errors';
export { type Compression, TF_GZIP_OPTIONS, looksGzipped } from './compression';
export { RECORD_HEADER_BYTES, RECORD_FOOTER_BYTES, frameRecord } from './record-framing';
export {
  readRecords,
  readAllRecords,
  MAX_RECORD_BYTES,
  type ReadRecordsOptions,
  type RecordSource,
} from './record-reader';
export { TFRecordWriter, writeRecords, type TFRecordWriterOptions } from './record-writer';
export {
  type Feature,
  type FeatureKind,
  type Features,
  type Example,
  type SequenceExample,
  bytesFeature,
  floatFeature,
  int64Feature,
  emptyFeature,
  createExample,
} from './feature';
export type { EncodeOptions } from './features-codec';
export { encodeExample, decodeExample } from './example-codec';
export { encodeSequenceExample, decodeSequenceExample } from './sequence-example-codec';
export { type ImageExample, IMAGE_KEYS, imageExample, parseImageExample } from './image-example';
