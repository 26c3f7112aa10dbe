// Compatibility: every TFRecord fixture written by TensorFlow reads as expected/*.json says and re-encodes byte for byte.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeExample, encodeExample } from './example-codec';
import type { Feature } from './feature';
import { readAllRecords } from './record-reader';
import { writeRecords } from './record-writer';
import { decodeSequenceExample, encodeSequenceExample } from './sequence-example-codec';
import { featureToJson, featuresToJson, fixturesDir, tempDir, typeName } from './testing';

interface Expected {
  file: string;
  sha256: string;
  compression: 'NONE' | 'GZIP';
  uncompressed_size: number;
  num_records: number;
  record_lengths: number[] | null;
  payload: 'raw' | 'tf.train.Example' | 'tf.train.SequenceExample';
  gzip_header_hex?: string;
  schema?: Record<string, { type: string; min_len: number; max_len: number; present_in: number }>;
  context_keys?: Record<string, string[]>;
  feature_list_keys?: Record<string, { types: string[]; min_steps: number; max_steps: number }>;
  records: unknown[];
}

const expectedDir = join(fixturesDir, 'expected');
const haveFixtures = existsSync(join(fixturesDir, 'tfrecord')) && existsSync(expectedDir);
if (!haveFixtures) console.warn(`tfrecord fixtures: ${fixturesDir} is absent; compatibility tests skipped`);

/** `tfrecord_plain_trax_tfds_squad.json` -> `tfrecord/plain/trax_tfds_squad/<file>`. */
function cases(): { name: string; path: string; expected: Expected }[] {
  if (!haveFixtures) return [];
  return readdirSync(expectedDir)
    .filter((f) => f.startsWith('tfrecord_'))
    .sort()
    .map((f) => {
      const expected = JSON.parse(readFileSync(join(expectedDir, f), 'utf8')) as Expected;
      const [, kind, ...rest] = f.replace(/\.json$/, '').split('_');
      const name = rest.join('_');
      return { name: `${kind}/${name}`, path: join(fixturesDir, 'tfrecord', kind, name, expected.file), expected };
    });
}

function schemaOf(records: Map<string, Feature>[]): Expected['schema'] {
  const schema: NonNullable<Expected['schema']> = {};
  for (const features of records) {
    for (const [k, f] of features) {
      const n = f.kind === 'empty' ? 0 : f.value.length;
      const s = (schema[k] ??= { type: typeName(f), min_len: n, max_len: n, present_in: 0 });
      s.min_len = Math.min(s.min_len, n);
      s.max_len = Math.max(s.max_len, n);
      s.present_in++;
    }
  }
  return Object.fromEntries(Object.keys(schema).sort().map((k) => [k, schema[k]]));
}

describe.skipIf(!haveFixtures)('tfrecord fixtures', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir();
  });
  afterAll(async () => {
    await tmp?.remove();
  });

  it('tfrecord - finds every fixture file the expected JSON names', () => {
    const all = cases();
    expect(all.length).toBe(8);
    for (const c of all) expect(existsSync(c.path), c.path).toBe(true);
  });

  for (const { name, path, expected } of cases()) {
    describe(name, () => {
      let records: Uint8Array[];
      beforeAll(async () => {
        records = await readAllRecords(path);
      });

      it('tfrecord - file checksum and record count/lengths match', () => {
        expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(expected.sha256);
        expect(records.length).toBe(expected.num_records);
        if (expected.record_lengths) expect(records.map((r) => r.length)).toEqual(expected.record_lengths);
        expect(records.reduce((n, r) => n + r.length + 16, 0)).toBe(expected.uncompressed_size);
      });

      it('tfrecord - decoded values match', () => {
        if (expected.payload === 'raw') {
          expect(records.map((r) => new TextDecoder().decode(r))).toEqual(expected.records);
        } else if (expected.payload === 'tf.train.Example') {
          const examples = records.map((r) => decodeExample(r).features);
          expect(schemaOf(examples)).toEqual(expected.schema);
          expected.records.forEach((want, i) => expect(featuresToJson(examples[i])).toEqual(want));
        } else {
          const seqs = records.map(decodeSequenceExample);
          const contextKeys: Record<string, Set<string>> = {};
          const listKeys: Record<string, { types: Set<string>; min_steps: number; max_steps: number }> = {};
          for (const s of seqs) {
            for (const [k, f] of s.context) (contextKeys[k] ??= new Set()).add(typeName(f));
            for (const [k, steps] of s.featureLists) {
              const e = (listKeys[k] ??= { types: new Set(), min_steps: steps.length, max_steps: steps.length });
              steps.forEach((f) => e.types.add(typeName(f)));
              e.min_steps = Math.min(e.min_steps, steps.length);
              e.max_steps = Math.max(e.max_steps, steps.length);
            }
          }
          expect(Object.fromEntries(Object.entries(contextKeys).map(([k, v]) => [k, [...v].sort()]))).toEqual(expected.context_keys);
          expect(
            Object.fromEntries(Object.entries(listKeys).map(([k, v]) => [k, { ...v, types: [...v.types].sort() }])),
          ).toEqual(expected.feature_list_keys);
          expected.records.forEach((want, i) => {
            const s = seqs[i];
            const lists = Object.fromEntries(
              [...s.featureLists.keys()].sort().map((k) => [k, (s.featureLists.get(k) as Feature[]).map(featureToJson)]),
            );
            expect({ context: featuresToJson(s.context), feature_lists: lists }).toEqual(want);
          });
        }
      });

      it.skipIf(expected.payload === 'raw')('tfrecord - re-encoding every record reproduces its exact bytes', () => {
        const differing = records.flatMap((r, i) => {
          const again =
            expected.payload === 'tf.train.Example' ? encodeExample(decodeExample(r)) : encodeSequenceExample(decodeSequenceExample(r));
          return Buffer.compare(again, r) === 0 ? [] : [i];
        });
        expect(differing).toEqual([]);
      });

      it('tfrecord - writing the records reproduces the file', async () => {
        const out = join(tmp.dir, `${name.replace('/', '_')}.out`);
        const gzip = expected.compression === 'GZIP';
        await writeRecords(out, records, { compression: gzip ? 'gzip' : 'none' });
        const written = readFileSync(out);
        const original = readFileSync(path);
        if (!gzip) {
          expect(Buffer.compare(written, original)).toBe(0);
        } else {
          expect(Buffer.compare(gunzipSync(written), gunzipSync(original))).toBe(0);
          // Header: magic, deflate, no flags, mtime 0, XFL 0; the OS byte (index 9) depends on the writer.
          expect(written.subarray(0, 9).toString('hex')).toBe((expected.gzip_header_hex as string).slice(0, 18));
          // The deflate bytes match TF's only with stock zlib; Node's bundled (Chromium) zlib finds other matches.
        }
      });
    });
  }
});
