import { describe, expect, it } from 'vitest';
import { CheckpointError, CorruptCheckpointError, NotACheckpointError } from './errors';
import { bufferRandomAccess } from './random-access';
import { TableBuilder } from './sstable-builder';
import { TableReader } from './sstable-reader';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (u: Uint8Array) => new TextDecoder().decode(u);

function buildTable(n: number, blockSize?: number): Uint8Array {
  const b = new TableBuilder(blockSize ? { blockSize } : {});
  for (let i = 0; i < n; i++) b.add(enc(`key/${String(i).padStart(5, '0')}`), enc(`value ${i}`));
  return b.finish();
}

async function collect(it: AsyncIterable<{ key: Uint8Array; value: Uint8Array }>) {
  const out: [string, string][] = [];
  for await (const e of it) out.push([dec(e.key), dec(e.value)]);
  return out;
}

describe('sstable', () => {
  it('sstable - round-trips entries across many small blocks', async () => {
    const bytes = buildTable(500, 256);
    const table = await TableReader.open(bufferRandomAccess('t', bytes));
    expect(table.layout.dataBlocks.length).toBeGreaterThan(10);
    const all = await collect(table.entries());
    expect(all.length).toBe(500);
    expect(all[123]).toEqual(['key/00123', 'value 123']);
  });

  it('sstable - seeks to the first key at or after the target', async () => {
    const table = await TableReader.open(bufferRandomAccess('t', buildTable(300, 200)));
    const from = await collect(table.seek(enc('key/00250')));
    expect(from[0][0]).toBe('key/00250');
    expect(from.length).toBe(50);
    const between = await collect(table.seek(enc('key/00100x')));
    expect(between[0][0]).toBe('key/00101');
    expect(await collect(table.seek(enc('zzz')))).toEqual([]);
  });

  it('sstable - writes an empty table that reads back empty', async () => {
    const table = await TableReader.open(bufferRandomAccess('t', new TableBuilder().finish()));
    expect(await collect(table.entries())).toEqual([]);
  });

  it('sstable - rejects unsorted keys', () => {
    const b = new TableBuilder();
    b.add(enc('b'), enc(''));
    expect(() => b.add(enc('a'), enc(''))).toThrow(/strictly increasing/);
  });

  it('sstable - reports a flipped byte as a bad block CRC', async () => {
    const bytes = buildTable(20);
    bytes[10] ^= 0x40;
    const table = await TableReader.open(bufferRandomAccess('x.index', bytes));
    await expect(collect(table.entries())).rejects.toThrow(CorruptCheckpointError);
    await expect(collect(table.entries())).rejects.toThrow(/x\.index.*data block at offset 0 fails its CRC/);
  });

  it('sstable - rejects a file without the footer magic', async () => {
    await expect(TableReader.open(bufferRandomAccess('junk', enc('x'.repeat(100))))).rejects.toThrow(NotACheckpointError);
  });

  it('sstable - every truncation and random garbage gives a typed error', async () => {
    const bytes = buildTable(40, 300);
    for (let len = 0; len < bytes.length; len += 7) {
      await expect(
        (async () => collect((await TableReader.open(bufferRandomAccess('t', bytes.slice(0, len)))).entries()))(),
      ).rejects.toBeInstanceOf(CheckpointError);
    }
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 200; n++) {
      const junk = bytes.slice();
      for (let k = 0; k < 4; k++) junk[rand() % (junk.length - 8)] = rand();
      try {
        await collect((await TableReader.open(bufferRandomAccess('t', junk))).entries());
      } catch (err) {
        expect(err).toBeInstanceOf(CheckpointError);
      }
    }
  });
});
