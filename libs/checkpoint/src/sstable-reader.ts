// Reads a LevelDB-format table (a V2 `.index` or a V1 checkpoint file): footer, index, CRC-checked blocks.
import { crc32c, unmaskCrc } from '@finetune/tfrecord';
import { CorruptCheckpointError, NotACheckpointError, UnsupportedCheckpointError } from './errors';
import { ProtoDecodeError, ProtoReader } from './proto-wire';
import type { RandomAccess } from './random-access';
import { blockEntries, type TableEntry } from './sstable-block';
import {
  BLOCK_TRAILER_SIZE,
  type BlockHandle,
  compareBytes,
  COMPRESSION_NONE,
  COMPRESSION_SNAPPY,
  FOOTER_SIZE,
  TABLE_MAGIC_HI,
  TABLE_MAGIC_LO,
} from './sstable-format';
import { SnappyError, snappyDecompress } from './snappy';

export interface TableLayout {
  fileSize: number;
  metaindex: BlockHandle;
  index: BlockHandle;
  /** Data blocks in key order, with the index key that bounds each one. */
  dataBlocks: { handle: BlockHandle; lastKeyBound: Uint8Array }[];
  metaindexEntries: number;
}

export class TableReader {
  /** The most recently decoded block, so sequential lookups in one block decode it once. */
  private cached: { offset: number; block: Uint8Array } | undefined;

  private constructor(
    readonly file: RandomAccess,
    readonly layout: TableLayout,
  ) {}

  static async open(file: RandomAccess): Promise<TableReader> {
    if (file.size < FOOTER_SIZE) {
      throw new NotACheckpointError(file.name, `${file.size} bytes is shorter than a table footer (${FOOTER_SIZE} bytes)`);
    }
    const footer = await file.read(file.size - FOOTER_SIZE, FOOTER_SIZE, 'table footer');
    const view = new DataView(footer.buffer, footer.byteOffset, footer.byteLength);
    if (view.getUint32(40, true) !== TABLE_MAGIC_LO || view.getUint32(44, true) !== TABLE_MAGIC_HI) {
      throw new NotACheckpointError(file.name, 'no table magic in the last 8 bytes (truncated, or not a table file)');
    }
    const reader = new ProtoReader(footer, 0, 40);
    let metaindex: BlockHandle;
    let index: BlockHandle;
    try {
      metaindex = { offset: reader.varint(), size: reader.varint() };
      index = { offset: reader.varint(), size: reader.varint() };
    } catch (err) {
      throw new CorruptCheckpointError(file.name, undefined, 'unreadable block handles in the table footer', { cause: err });
    }
    const table = new TableReader(file, { fileSize: file.size, metaindex, index, dataBlocks: [], metaindexEntries: 0 });
    const indexBlock = await table.readBlock(index, 'index block');
    for (const { key, value } of blockEntries(indexBlock, { file: file.name, offset: index.offset })) {
      table.layout.dataBlocks.push({ handle: decodeHandle(value, file.name, index.offset), lastKeyBound: key });
    }
    const metaBlock = await table.readBlock(metaindex, 'metaindex block');
    for (const _ of blockEntries(metaBlock, { file: file.name, offset: metaindex.offset })) table.layout.metaindexEntries++;
    return table;
  }

  /** Every entry in key order. */
  async *entries(): AsyncGenerator<TableEntry> {
    for (const { handle } of this.layout.dataBlocks) {
      const block = await this.readBlock(handle, 'data block');
      yield* blockEntries(block, { file: this.file.name, offset: handle.offset });
    }
  }

  /** Entries from the first key >= `target` on, in key order. */
  async *seek(target: Uint8Array): AsyncGenerator<TableEntry> {
    const blocks = this.layout.dataBlocks;
    // Index keys are >= every key in their block and < every key in the next, so the first bound >= target
    // names the only block where the target can start.
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes(blocks[mid].lastKeyBound, target) < 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < blocks.length; i++) {
      const { handle } = blocks[i];
      const block = await this.readBlock(handle, 'data block');
      for (const entry of blockEntries(block, { file: this.file.name, offset: handle.offset })) {
        if (compareBytes(entry.key, target) >= 0) yield entry;
      }
    }
  }

  /** Reads, CRC-checks and decompresses one block. */
  async readBlock(handle: BlockHandle, what: string): Promise<Uint8Array> {
    if (this.cached?.offset === handle.offset) return this.cached.block;
    const name = this.file.name;
    const raw = await this.file.read(handle.offset, handle.size + BLOCK_TRAILER_SIZE, `${what} of ${handle.size} bytes`);
    const contents = raw.subarray(0, handle.size);
    const type = raw[handle.size];
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const stored = unmaskCrc(view.getUint32(handle.size + 1, true));
    const actual = crc32c(raw.subarray(0, handle.size + 1));
    if (stored !== actual) {
      throw new CorruptCheckpointError(name, undefined, `${what} at offset ${handle.offset} fails its CRC (stored ${stored.toString(16)}, computed ${actual.toString(16)})`);
    }
    let block: Uint8Array;
    if (type === COMPRESSION_NONE) block = contents;
    else if (type === COMPRESSION_SNAPPY) {
      try {
        block = snappyDecompress(contents);
      } catch (err) {
        if (!(err instanceof SnappyError)) throw err;
        throw new CorruptCheckpointError(name, undefined, `${what} at offset ${handle.offset}: ${err.message}`, { cause: err });
      }
    } else throw new UnsupportedCheckpointError(name, `block compression type ${type} at offset ${handle.offset}`);
    this.cached = { offset: handle.offset, block };
    return block;
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}

function decodeHandle(value: Uint8Array, file: string, indexOffset: number): BlockHandle {
  try {
    const r = new ProtoReader(value);
    return { offset: r.varint(), size: r.varint() };
  } catch (err) {
    if (!(err instanceof ProtoDecodeError)) throw err;
    throw new CorruptCheckpointError(file, undefined, `bad block handle in the index block at offset ${indexOffset}`, { cause: err });
  }
}
