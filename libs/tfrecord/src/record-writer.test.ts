// Writer behaviour: round trip, atomic publish on close, abort, GZIP, misuse.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TFRecordWriterStateError } from './errors';
import { frameRecord } from './record-framing';
import { readAllRecords } from './record-reader';
import { TFRecordWriter, writeRecords } from './record-writer';
import { tempDir } from './testing';

const records = [3, 0, 100_000, 7, 300_000].map((n) => Uint8Array.from({ length: n }, (_, i) => (i ^ n) & 0xff));

describe('record writer', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp.remove();
  });

  it('tfrecord - writes exactly the framed records', async () => {
    const path = join(tmp.dir, 'a.tfrecord');
    await writeRecords(path, records);
    expect(Buffer.compare(await readFile(path), Buffer.concat(records.map(frameRecord)))).toBe(0);
  });

  it('tfrecord - nothing appears under the final name before close, and no temp file is left after', async () => {
    const path = join(tmp.dir, 'b.tfrecord');
    const w = await TFRecordWriter.open(path);
    for (const r of records) await w.write(r);
    expect(await readdir(tmp.dir)).not.toContain('b.tfrecord');
    expect((await readdir(tmp.dir)).some((f) => f.startsWith('.b.tfrecord.tmp-'))).toBe(true);
    await w.close();
    expect((await readdir(tmp.dir)).filter((f) => f.includes('b.tfrecord'))).toEqual(['b.tfrecord']);
    expect((await readAllRecords(path)).length).toBe(records.length);
    expect(w.records).toBe(records.length);
  });

  it('tfrecord - un-awaited writes still land in call order', async () => {
    const path = join(tmp.dir, 'order.tfrecord');
    const w = await TFRecordWriter.open(path);
    const many = Array.from({ length: 50 }, (_, i) => new Uint8Array(20_000).fill(i));
    await Promise.all(many.map((r) => w.write(r)));
    await w.close();
    expect((await readAllRecords(path)).map((r) => r[0])).toEqual(many.map((_, i) => i));
  });

  it('tfrecord - abort removes the temp file and leaves an existing file alone', async () => {
    const path = join(tmp.dir, 'c.tfrecord');
    await writeFile(path, 'previous');
    const w = await TFRecordWriter.open(path, { compression: 'gzip' });
    await w.write(records[2]);
    await w.abort();
    await w.abort();
    expect((await readdir(tmp.dir)).filter((f) => f.includes('c.tfrecord'))).toEqual(['c.tfrecord']);
    expect(await readFile(path, 'utf8')).toBe('previous');
    await expect(w.write(records[0])).rejects.toBeInstanceOf(TFRecordWriterStateError);
    await expect(w.close()).rejects.toThrow(/aborted/);
  });

  it('tfrecord - close replaces an existing file atomically', async () => {
    const path = join(tmp.dir, 'd.tfrecord');
    await writeFile(path, 'old');
    await writeRecords(path, [records[0]]);
    expect((await readAllRecords(path)).length).toBe(1);
  });

  it('tfrecord - writes GZIP that gunzip and the reader both accept', async () => {
    const path = join(tmp.dir, 'e.tfrecord.gz');
    await writeRecords(path, records, { compression: 'gzip' });
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 3).toString('hex')).toBe('1f8b08');
    expect(Buffer.compare(gunzipSync(bytes), Buffer.concat(records.map(frameRecord)))).toBe(0);
    const back = await readAllRecords(path);
    expect(back.map((r) => r.length)).toEqual(records.map((r) => r.length));
  });

  it('tfrecord - a source that throws aborts writeRecords without leaving files', async () => {
    const path = join(tmp.dir, 'f.tfrecord');
    async function* failing() {
      yield records[0];
      throw new Error('source failed');
    }
    await expect(writeRecords(path, failing())).rejects.toThrow('source failed');
    expect((await readdir(tmp.dir)).filter((f) => f.includes('f.tfrecord'))).toEqual([]);
  });

  it('tfrecord - fails to open in a missing folder', async () => {
    await expect(TFRecordWriter.open(join(tmp.dir, 'no', 'such', 'x.tfrecord'))).rejects.toThrow(/ENOENT/);
  });
});
