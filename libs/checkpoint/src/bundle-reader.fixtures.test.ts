import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleReader } from './bundle-reader';
import { closeTo6, type ExpectedBundle, expectedFiles, findFile, fixturesDir, haveFixtures, loadExpected } from './testing';

const cases = expectedFiles('checkpoint_v2_');

describe.skipIf(!haveFixtures)('bundle reader against TensorFlow-written fixtures (skipped: ../shared/fixtures absent)', () => {
  it('bundle reader - finds every V2 fixture', () => {
    expect(cases.length).toBe(5);
  });

  for (const file of cases) {
    const folder = file.replace(/^checkpoint_v2_/, '').replace(/\.json$/, '');
    it(`bundle reader - reads ${folder} exactly as expected`, async () => {
      const expected = loadExpected<ExpectedBundle>(file);
      const index = findFile(join(fixturesDir, 'checkpoint_v2', folder), `${expected.prefix}.index`);
      expect(index).toBeDefined();
      const reader = await BundleReader.open(index!.replace(/\.index$/, ''));
      try {
        expect(reader.header.numShards).toBe(expected.header.num_shards);
        expect(reader.header.endianness).toBe(expected.header.endianness);
        expect(reader.header.version.producer).toBe(expected.header.version.producer);
        const layout = reader.tableLayout;
        expect(layout.fileSize).toBe(expected.table_layout.file_size);
        expect(layout.index).toEqual({ offset: expected.table_layout.index_block.offset, size: expected.table_layout.index_block.size });
        expect(layout.metaindexEntries).toBe(expected.table_layout.metaindex_entries);
        expect(layout.dataBlocks.map((b) => b.handle.offset)).toEqual(expected.table_layout.data_blocks.map((b) => b.offset));
        expect(layout.dataBlocks.map((b) => b.handle.size)).toEqual(expected.table_layout.data_blocks.map((b) => b.stored_size));

        const list = reader.list();
        expect(list.length).toBe(expected.num_entries);
        expect(list.map((v) => v.name)).toEqual(expected.entries.map((e) => e.name).sort());
        for (const e of expected.entries) {
          const info = reader.info(e.name);
          expect(info.dtype, e.name).toBe(e.dtype);
          expect(info.shape, e.name).toEqual(e.shape);
          const raw = reader.entry(e.name);
          expect([raw.shardId, raw.offset, raw.size, raw.crc32c], e.name).toEqual([e.shard_id, e.offset, e.size, e.crc32c_masked]);
          if (e.dtype === 'string') {
            const strings = await reader.readBytes(e.name);
            expect(strings.map((s) => s.length)).toEqual(e.string_lengths);
            continue;
          }
          const values = await reader.read(e.name);
          const want = e.values ?? e.values_head ?? [];
          if (e.values) expect(values.length, e.name).toBe(e.values.length);
          want.forEach((v, i) => {
            const got = Number(values[i]);
            if (!closeTo6(got, v)) expect.fail(`${e.name}[${i}] = ${got}, expected ${v}`);
          });
        }
      } finally {
        await reader.close();
      }
    });
  }
});
