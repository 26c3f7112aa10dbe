// Streaming TFRecord reader: yields each record's data, checking both CRCs, from a file, stream or buffer.
import { createReadStream } from 'node:fs';
import { ByteQueue } from './byte-queue';
import { type Compression, gunzipChunks, looksGzipped } from './compression';
import { crc32c, maskCrc } from './crc32c';
import { TFRecordCorruptError, TFRecordTruncatedError } from './errors';
import { RECORD_FOOTER_BYTES, RECORD_HEADER_BYTES } from './record-framing';

/** Read size from files: large enough that the CRC, not the syscalls, is the cost. */
const READ_CHUNK_BYTES = 1 << 20;
/** Larger lengths are taken as corruption rather than allocated. TF itself has no limit short of memory. */
export const MAX_RECORD_BYTES = 1 << 30;

export interface ReadRecordsOptions {
  /**
   * 'auto' detects GZIP by its magic bytes.
   * @default 'auto'
   */
  compression?: Compression | 'auto';
  /**
   * Check the length and data CRCs of every record.
   * @default true
   */
  verifyChecksums?: boolean;
  /** Name used in errors for a stream or buffer source. @default the path, or '<stream>' */
  name?: string;
  /** Records longer than this are reported as corrupt. @default MAX_RECORD_BYTES (1 GiB) */
  maxRecordBytes?: number;
}

/** A file path, an in-memory file, or any byte stream (a Node Readable is one). */
export type RecordSource = string | Uint8Array | AsyncIterable<Uint8Array>;

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function openSource(source: RecordSource): AsyncIterable<Uint8Array> {
  if (typeof source === 'string') return createReadStream(source, { highWaterMark: READ_CHUNK_BYTES });
  if (source instanceof Uint8Array) return once(source);
  return source;
}

/**
 * Yields the data of each record in order. Records may span chunk boundaries. A bad CRC throws
 * TFRecordCorruptError; a file ending inside a record throws TFRecordTruncatedError; both name the file
 * and the byte offset of the record (offsets count uncompressed bytes for GZIP files). Each yielded
 * buffer is freshly allocated and owned by the caller.
 */
export async function* readRecords(source: RecordSource, options: ReadRecordsOptions = {}): AsyncGenerator<Uint8Array> {
  const file = options.name ?? (typeof source === 'string' ? source : '<stream>');
  const verify = options.verifyChecksums ?? true;
  const maxBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const raw = openSource(source)[Symbol.asyncIterator]();
  let input: AsyncIterator<Uint8Array> = raw;
  const q = new ByteQueue();

  async function fill(n: number): Promise<boolean> {
    while (q.length < n) {
      const { done, value } = await input.next();
      if (done) return false;
      q.push(value);
    }
    return true;
  }

  try {
    const compression = options.compression ?? 'auto';
    if (compression !== 'none') {
      // Look at the head of the raw bytes, then hand them, undecoded, to gunzip if it is GZIP.
      const head: Uint8Array[] = [];
      let headBytes = 0;
      while (headBytes < RECORD_HEADER_BYTES) {
        const { done, value } = await raw.next();
        if (done) break;
        head.push(value);
        headBytes += value.length;
      }
      const headQueue = new ByteQueue();
      head.forEach((c) => headQueue.push(c));
      if (compression === 'gzip' || (headBytes > 0 && looksGzipped(headQueue.peek(RECORD_HEADER_BYTES)))) {
        input = gunzipChunks(head, raw, file);
      } else {
        head.forEach((c) => q.push(c));
      }
    }

    let offset = 0;
    for (;;) {
      if (!(await fill(RECORD_HEADER_BYTES))) {
        if (q.length === 0) return;
        throw new TFRecordTruncatedError(file, offset, RECORD_HEADER_BYTES, q.length);
      }
      const header = q.take(RECORD_HEADER_BYTES);
      const view = new DataView(header.buffer);
      if (verify) {
        const want = maskCrc(crc32c(header.subarray(0, 8)));
        const got = view.getUint32(8, true);
        if (want !== got) {
          throw new TFRecordCorruptError(file, offset, 'length-crc', `length CRC ${hex(got)} != computed ${hex(want)}`);
        }
      }
      const length = view.getBigUint64(0, true);
      if (length > BigInt(maxBytes)) {
        throw new TFRecordCorruptError(file, offset, 'length', `record length ${length} exceeds the ${maxBytes}-byte limit`);
      }
      const n = Number(length);
      if (!(await fill(n + RECORD_FOOTER_BYTES))) {
        throw new TFRecordTruncatedError(file, offset, RECORD_HEADER_BYTES + n + RECORD_FOOTER_BYTES, RECORD_HEADER_BYTES + q.length);
      }
      const data = q.take(n);
      const footer = q.take(RECORD_FOOTER_BYTES);
      if (verify) {
        const want = maskCrc(crc32c(data));
        const got = new DataView(footer.buffer).getUint32(0, true);
        if (want !== got) {
          throw new TFRecordCorruptError(file, offset, 'data-crc', `data CRC ${hex(got)} != computed ${hex(want)} (${n}-byte record)`);
        }
      }
      yield data;
      offset += RECORD_HEADER_BYTES + n + RECORD_FOOTER_BYTES;
    }
  } finally {
    await input.return?.();
    if (input !== raw) await raw.return?.();
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

/** Every record of a file in memory; for small files and tests. */
export async function readAllRecords(source: RecordSource, options?: ReadRecordsOptions): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const r of readRecords(source, options)) out.push(r);
  return out;
}
