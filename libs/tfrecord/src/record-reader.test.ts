// Reader behaviour on hand-made files: chunk boundaries, bad CRCs, truncation and GZIP detection.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TFRecordCompressionError, TFRecordCorruptError, TFRecordTruncatedError } from './errors';
import { frameRecord } from './record-framing';
import { readAllRecords, readRecords } from './record-reader';
import { tempDir } from './testing';

const payloads = [0, 1, 5, 13, 300, 4096, 70_000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff));
const file = Buffer.concat(payloads.map(frameRecord));
/** Offsets of each record's first byte. */
const offsets = payloads.reduce<number[]>((acc, _p, i) => [...acc, i === 0 ? 0 : acc[i - 1] + payloads[i - 1].length + 16], []);

function chunked(bytes: Uint8Array, size: number): Readable {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('record reader', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp.remove();
  });

  it('tfrecord - reads records split across any chunk boundaries', async () => {
    const hex = (rs: Uint8Array[]) => rs.map((r) => Buffer.from(r).toString('hex'));
    // Byte-sized chunks over the small records only: a 75 KB stream of 1-byte chunks is slow in itself.
    const small = file.subarray(0, offsets[6]);
    for (const size of [1, 3, 7]) expect(hex(await readAllRecords(chunked(small, size)))).toEqual(hex(payloads.slice(0, 6)));
    for (const size of [11, 12, 13, 17, 999, 4096, 1 << 20]) expect(hex(await readAllRecords(chunked(file, size)))).toEqual(hex(payloads));
  });

  it('tfrecord - reads from a path, a buffer and a stream alike', async () => {
    const path = join(tmp.dir, 'plain.tfrecord');
    await writeFile(path, file);
    for (const source of [path, file, chunked(file, 1000)]) {
      expect((await readAllRecords(source)).length).toBe(payloads.length);
    }
  });

  it('tfrecord - an empty file has no records', async () => {
    expect(await readAllRecords(new Uint8Array(0))).toEqual([]);
    expect(await readAllRecords(gzipSync(new Uint8Array(0)))).toEqual([]);
  });

  it('tfrecord - rejects a record with a bad data CRC, naming file and offset', async () => {
    const bad = Buffer.from(file);
    bad[offsets[4] + 12 + 100] ^= 0x01; // a bit in the 300-byte record's data
    const path = join(tmp.dir, 'bad-data.tfrecord');
    await writeFile(path, bad);
    const err = await errorOf(readAllRecords(path));
    expect(err).toBeInstanceOf(TFRecordCorruptError);
    expect(err).toMatchObject({ file: path, offset: offsets[4], check: 'data-crc', kind: 'invalid-argument' });
    expect(err.message).toContain(path);
    expect(err.message).toContain(`byte offset ${offsets[4]}`);
  });

  it('tfrecord - rejects a record with a bad length CRC', async () => {
    const bad = Buffer.from(file);
    bad[offsets[2] + 9] ^= 0x80;
    const err = await errorOf(readAllRecords(bad, { name: 'mem.tfrecord' }));
    expect(err).toMatchObject({ name: 'TFRecordCorruptError', file: 'mem.tfrecord', offset: offsets[2], check: 'length-crc' });
  });

  it('tfrecord - skips CRC checks when asked', async () => {
    const bad = Buffer.from(file);
    bad[offsets[4] + 12 + 100] ^= 0x01;
    expect((await readAllRecords(bad, { verifyChecksums: false })).length).toBe(payloads.length);
  });

  it('tfrecord - rejects a truncated file, inside the data and inside the header', async () => {
    const cut = file.subarray(0, offsets[6] + 12 + 500);
    const err = await errorOf(readAllRecords(chunked(cut, 777), { name: 'cut' }));
    expect(err).toBeInstanceOf(TFRecordTruncatedError);
    expect(err).toMatchObject({ file: 'cut', offset: offsets[6], needed: 70_000 + 16, available: 512 });
    const err2 = await errorOf(readAllRecords(file.subarray(0, offsets[3] + 5)));
    expect(err2).toMatchObject({ name: 'TFRecordTruncatedError', offset: offsets[3], needed: 12, available: 5 });
  });

  it('tfrecord - rejects an absurd length with a valid CRC as corrupt', async () => {
    const header = frameRecord(new Uint8Array(0));
    const view = new DataView(header.buffer);
    view.setBigUint64(0, 1n << 40n, true);
    const { maskedCrc32c } = await import('./crc32c');
    view.setUint32(8, maskedCrc32c(header.subarray(0, 8)), true);
    const err = await errorOf(readAllRecords(header));
    expect(err).toMatchObject({ name: 'TFRecordCorruptError', check: 'length', offset: 0 });
  });

  it('tfrecord - detects GZIP by its magic and reads it in small chunks', async () => {
    const gz = gzipSync(file);
    const got = await readAllRecords(chunked(gz, 5));
    expect(got.length).toBe(payloads.length);
    expect(Buffer.compare(got[6], payloads[6])).toBe(0);
    expect((await readAllRecords(gz, { compression: 'gzip' })).length).toBe(payloads.length);
    // Forcing 'none' on a GZIP file reads its magic as a record header, which fails its CRC.
    expect(await errorOf(readAllRecords(gz, { compression: 'none' }))).toBeInstanceOf(TFRecordCorruptError);
  });

  it('tfrecord - reports CRC offsets in uncompressed bytes for GZIP files', async () => {
    const bad = Buffer.from(file);
    bad[offsets[5] + 12 + 1] ^= 0x10;
    const err = await errorOf(readAllRecords(gzipSync(bad)));
    expect(err).toMatchObject({ name: 'TFRecordCorruptError', offset: offsets[5], check: 'data-crc' });
  });

  it('tfrecord - rejects a truncated or damaged GZIP stream', async () => {
    const gz = gzipSync(file);
    const err = await errorOf(readAllRecords(gz.subarray(0, gz.length - 20), { name: 'cut.gz' }));
    expect(err).toBeInstanceOf(TFRecordCompressionError);
    expect(err.message).toContain('cut.gz');
    const damaged = Buffer.from(gz);
    damaged[damaged.length - 6] ^= 0xff; // the trailer's CRC-32
    expect(await errorOf(readAllRecords(damaged))).toBeInstanceOf(TFRecordCompressionError);
  });

  it('tfrecord - stopping early releases the file', async () => {
    const path = join(tmp.dir, 'early.tfrecord.gz');
    await writeFile(path, gzipSync(file));
    for await (const r of readRecords(path)) {
      expect(r.length).toBe(0);
      break;
    }
  });
});
