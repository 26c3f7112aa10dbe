// Writes a LevelDB-format table exactly as TensorFlow's lib/io/table_builder does (uncompressed blocks).
import { crc32c, maskCrc } from '@finetune/tfrecord';
import {
  type BlockHandle,
  compareBytes,
  COMPRESSION_NONE,
  encodeBlockHandle,
  FOOTER_SIZE,
  TABLE_MAGIC_HI,
  TABLE_MAGIC_LO,
  writeVarint32,
} from './sstable-format';

export interface TableBuilderOptions {
  /** Target uncompressed data block size. @default 262144, TensorFlow's table_options.h (LevelDB uses 4096). */
  blockSize: number;
  /** Keys between restart points in data blocks. @default 16 */
  restartInterval: number;
}

export const TF_TABLE_BLOCK_SIZE = 262_144;
export const TF_TABLE_RESTART_INTERVAL = 16;

export function defaultTableBuilderOptions(): TableBuilderOptions {
  return { blockSize: TF_TABLE_BLOCK_SIZE, restartInterval: TF_TABLE_RESTART_INTERVAL };
}

class BlockBuilder {
  private bytes: number[] = [];
  private restarts = [0];
  private counter = 0;
  private lastKey: Uint8Array = new Uint8Array(0);

  constructor(private readonly restartInterval: number) {}

  get empty(): boolean {
    return this.bytes.length === 0;
  }

  sizeEstimate(): number {
    return this.bytes.length + this.restarts.length * 4 + 4;
  }

  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < this.restartInterval) {
      const n = Math.min(this.lastKey.length, key.length);
      while (shared < n && this.lastKey[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.bytes.length);
      this.counter = 0;
    }
    writeVarint32(this.bytes, shared);
    writeVarint32(this.bytes, key.length - shared);
    writeVarint32(this.bytes, value.length);
    for (let i = shared; i < key.length; i++) this.bytes.push(key[i]);
    for (let i = 0; i < value.length; i++) this.bytes.push(value[i]);
    this.lastKey = key;
    this.counter++;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.bytes.length + this.restarts.length * 4 + 4);
    out.set(this.bytes);
    const view = new DataView(out.buffer);
    let p = this.bytes.length;
    for (const r of this.restarts) {
      view.setUint32(p, r, true);
      p += 4;
    }
    view.setUint32(p, this.restarts.length, true);
    return out;
  }
}

/** Shortest key k with start <= k < limit (LevelDB's BytewiseComparator::FindShortestSeparator). */
function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const n = Math.min(start.length, limit.length);
  let i = 0;
  while (i < n && start[i] === limit[i]) i++;
  if (i >= n) return start;
  const b = start[i];
  if (b < 0xff && b + 1 < limit[i]) {
    const out = start.slice(0, i + 1);
    out[i]++;
    return out;
  }
  return start;
}

/** Shortest key >= key (BytewiseComparator::FindShortSuccessor). */
function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i]++;
      return out;
    }
  }
  return key;
}

/** Builds a table in memory; keys must be added in strictly increasing byte order. */
export class TableBuilder {
  private chunks: Uint8Array[] = [];
  private offset = 0;
  private data: BlockBuilder;
  private index = new BlockBuilder(1);
  private lastKey: Uint8Array | undefined;
  private pendingHandle: BlockHandle | undefined;
  private readonly options: TableBuilderOptions;

  constructor(options: Partial<TableBuilderOptions> = {}) {
    this.options = { ...defaultTableBuilderOptions(), ...options };
    this.data = new BlockBuilder(this.options.restartInterval);
  }

  add(key: Uint8Array, value: Uint8Array): void {
    if (this.lastKey && compareBytes(key, this.lastKey) <= 0) {
      throw new Error(`table keys must be strictly increasing: ${JSON.stringify(new TextDecoder().decode(key))}`);
    }
    if (this.pendingHandle && this.lastKey) {
      this.addIndexEntry(shortestSeparator(this.lastKey, key), this.pendingHandle);
      this.pendingHandle = undefined;
    }
    this.data.add(key, value);
    this.lastKey = key;
    if (this.data.sizeEstimate() >= this.options.blockSize) this.flush();
  }

  finish(): Uint8Array {
    this.flush();
    const metaindex = this.writeBlock(new BlockBuilder(this.options.restartInterval).finish());
    if (this.pendingHandle && this.lastKey) {
      this.addIndexEntry(shortSuccessor(this.lastKey), this.pendingHandle);
      this.pendingHandle = undefined;
    }
    const index = this.writeBlock(this.index.finish());
    const handles: number[] = [];
    encodeBlockHandle(handles, metaindex);
    encodeBlockHandle(handles, index);
    const footer = new Uint8Array(FOOTER_SIZE);
    footer.set(handles);
    const view = new DataView(footer.buffer);
    view.setUint32(40, TABLE_MAGIC_LO, true);
    view.setUint32(44, TABLE_MAGIC_HI, true);
    this.chunks.push(footer);
    const out = new Uint8Array(this.offset + FOOTER_SIZE);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }

  private addIndexEntry(key: Uint8Array, handle: BlockHandle): void {
    const value: number[] = [];
    encodeBlockHandle(value, handle);
    this.index.add(key, new Uint8Array(value));
  }

  private flush(): void {
    if (this.data.empty) return;
    this.pendingHandle = this.writeBlock(this.data.finish());
    this.data = new BlockBuilder(this.options.restartInterval);
  }

  private writeBlock(contents: Uint8Array): BlockHandle {
    const handle = { offset: this.offset, size: contents.length };
    const trailer = new Uint8Array(5);
    trailer[0] = COMPRESSION_NONE;
    const crc = crc32c(trailer.subarray(0, 1), crc32c(contents));
    new DataView(trailer.buffer).setUint32(1, maskCrc(crc), true);
    this.chunks.push(contents, trailer);
    this.offset += contents.length + trailer.length;
    return handle;
  }
}
