// Which compression a TFRecord file uses, and the byte source after decompression.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zc, createGunzip } from 'node:zlib';
import { TFRecordCompressionError } from './errors';
import { isRecordHeader } from './record-framing';

/** TFRecord compression, as TFRecordOptions' compression_type ('' = none). */
export type Compression = 'gzip' | 'none';

/**
 * GZIP files start 1f 8b 08 (magic, deflate). A plain TFRecord could start with those bytes too (a first
 * record of ~560 KB), so a file whose first 12 bytes are a valid record header is taken as plain.
 */
export function looksGzipped(head: Uint8Array): boolean {
  if (head.length < 3 || head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 0x08) return false;
  return !isRecordHeader(head);
}

/**
 * TensorFlow's ZlibCompressionOptions::GZIP(): default level and strategy, window 15 bits + gzip
 * wrapper, memLevel 9 (Python's zlib and Beam use 8). Node bundles Chromium's zlib fork, whose match
 * finder differs, so the compressed bytes differ from TF's even with these settings; the content is the same.
 */
export const TF_GZIP_OPTIONS = {
  level: zc.Z_DEFAULT_COMPRESSION,
  memLevel: 9,
  windowBits: 15,
  strategy: zc.Z_DEFAULT_STRATEGY,
} as const;

async function* prepend(head: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* head;
  for (;;) {
    const { done, value } = await rest.next();
    if (done) return;
    yield value;
  }
}

/**
 * Gunzips `head` followed by the rest of `source`. Broken or cut-off GZIP data becomes a
 * TFRecordCompressionError naming `file` and how many uncompressed bytes came out before it.
 */
export async function* gunzipChunks(
  head: Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
  file: string,
): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip();
  const feeding = pipeline(Readable.from(prepend(head, rest)), gunzip);
  // The consumer may stop early; pipeline's own rejection is then reported through the iterator below.
  feeding.catch(() => undefined);
  let out = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      out += chunk.length;
      yield chunk;
    }
    await feeding;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const detail =
      code === 'Z_BUF_ERROR' ? 'the GZIP stream ends early (file truncated?)' : (err as Error).message || String(err);
    throw new TFRecordCompressionError(file, out, detail, { cause: err });
  } finally {
    gunzip.destroy();
  }
}
