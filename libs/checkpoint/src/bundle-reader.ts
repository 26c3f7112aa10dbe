// Reads a TensorFlow V2 checkpoint (tensor bundle): the `.index` table, then tensors from the data shards.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CheckpointReader, VariableInfo } from './checkpoint-reader';
import { closeNames } from '@finetune/runtime/close-names';
import { crc32c, maskCrc } from '@finetune/tfrecord';
import { type DType, dtypeByteSize, dtypeFromEnum, enumName, numElements, type TensorValues, type TypedArray } from './dtypes';
import {
  CorruptCheckpointError,
  NotACheckpointError,
  TruncatedCheckpointError,
  UnknownVariableError,
  UnsupportedCheckpointError,
} from './errors';
import { type BundleEntry, BUNDLE_VERSION, decodeBundleEntry, decodeBundleHeader, type BundleHeader } from './bundle-protos';
import { dataShardPath, indexPath } from './bundle-paths';
import { encodeTensorNameSlice } from './ordered-code';
import { ProtoDecodeError } from './proto-wire';
import { openRandomAccess, type RandomAccess } from './random-access';
import { copySlice, sliceBounds } from './slice-assembly';
import { type TableLayout, TableReader } from './sstable-reader';
import { decodeStringTensor, StringTensorError } from './string-tensor';
import { decodeTensorBytes } from './tensor-bytes';

// A sanity bound on num_shards so a corrupt header cannot make us stat millions of files.
const MAX_SHARDS = 100_000;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export class BundleReader implements CheckpointReader {
  readonly format = 'v2';
  private readonly shards: (RandomAccess | undefined)[];
  private readonly infos: VariableInfo[];

  private constructor(
    readonly path: string,
    readonly header: BundleHeader,
    /** Block layout of the `.index` table, for tools and compatibility tests. */
    readonly tableLayout: TableLayout,
    private readonly entries: Map<string, BundleEntry>,
    /** Slice entries of partitioned variables, by hex of their table key. */
    private readonly sliceEntries: Map<string, BundleEntry>,
  ) {
    this.shards = new Array(header.numShards).fill(undefined);
    this.infos = [...entries]
      .map(([name, e]) => ({ name, dtype: dtypeFromEnum(e.dtype) ?? ('unsupported' as const), tfDtype: enumName(e.dtype), shape: e.shape }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Opens `<prefix>.index` and checks every data shard exists (a missing one means an incomplete save). */
  static async open(prefix: string): Promise<BundleReader> {
    const indexFile = indexPath(prefix);
    let file: RandomAccess;
    try {
      file = await openRandomAccess(indexFile);
    } catch (err) {
      throw new NotACheckpointError(prefix, `cannot open ${indexFile} (${(err as NodeJS.ErrnoException).code ?? err})`, { cause: err });
    }
    try {
      const table = await TableReader.open(file);
      let header: BundleHeader | undefined;
      const entries = new Map<string, BundleEntry>();
      const sliceEntries = new Map<string, BundleEntry>();
      for await (const { key, value } of table.entries()) {
        const name = new TextDecoder().decode(key);
        try {
          if (key.length === 0) header = decodeBundleHeader(value);
          else if (key[0] === 0) sliceEntries.set(hex(key), decodeBundleEntry(value));
          else entries.set(name, decodeBundleEntry(value));
        } catch (err) {
          if (!(err instanceof ProtoDecodeError)) throw err;
          throw new CorruptCheckpointError(indexFile, key.length ? name : undefined, `undecodable ${key.length ? 'BundleEntryProto' : 'BundleHeaderProto'}: ${err.message}`, { cause: err });
        }
      }
      if (!header) throw new NotACheckpointError(indexFile, 'the table has no BundleHeaderProto under the empty key (a V1 checkpoint or another table)');
      validateHeader(header, indexFile);
      for (const [name, e] of entries) validateEntry(e, header, indexFile, name);
      for (let i = 0; i < header.numShards; i++) {
        const shard = dataShardPath(prefix, i, header.numShards);
        const s = await stat(shard).catch(() => undefined);
        if (!s?.isFile()) throw new NotACheckpointError(prefix, `data shard ${basename(shard)} is missing (an incomplete checkpoint)`);
      }
      return new BundleReader(prefix, header, table.layout, entries, sliceEntries);
    } finally {
      await file.close();
    }
  }

  list(): VariableInfo[] {
    return this.infos.map((i) => ({ ...i, shape: [...i.shape] }));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  info(name: string): VariableInfo {
    const e = this.entry(name);
    return { name, dtype: dtypeFromEnum(e.dtype) ?? 'unsupported', tfDtype: enumName(e.dtype), shape: [...e.shape] };
  }

  /** The raw BundleEntryProto of a variable (shard, offset, size, crc), for tools and tests. */
  entry(name: string): BundleEntry {
    const e = this.entries.get(name);
    if (!e) throw new UnknownVariableError(name, closeNames(name, [...this.entries.keys()]), this.path);
    return e;
  }

  async read(name: string): Promise<TensorValues> {
    const dtype = this.dtypeOf(name);
    if (dtype === 'string') return (await this.readBytes(name)).map((b) => new TextDecoder().decode(b));
    const entry = this.entry(name);
    if (entry.slices.length === 0) return decodeTensorBytes(dtype, await this.readChecked(name, entry, dtype));
    return this.assemble(name, entry, dtype);
  }

  async readBytes(name: string): Promise<Uint8Array[]> {
    const entry = this.entry(name);
    if (this.dtypeOf(name) !== 'string') throw new UnsupportedCheckpointError(this.path, `readBytes of ${enumName(entry.dtype)} variable ${name}`);
    if (entry.slices.length) throw new UnsupportedCheckpointError(this.path, `partitioned string variable ${name}`);
    return this.readStrings(name, entry);
  }

  async readAll(): Promise<Map<string, TensorValues>> {
    const out = new Map<string, TensorValues>();
    for (const { name, dtype } of this.infos) if (dtype !== 'unsupported') out.set(name, await this.read(name));
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((s) => s?.close()));
    this.shards.fill(undefined);
  }

  private dtypeOf(name: string): DType {
    const e = this.entry(name);
    const dtype = dtypeFromEnum(e.dtype);
    if (!dtype) throw new UnsupportedCheckpointError(indexPath(this.path), `dtype ${enumName(e.dtype)} of variable ${name}`);
    return dtype;
  }

  private async shard(id: number): Promise<RandomAccess> {
    const existing = this.shards[id];
    if (existing) return existing;
    const opened = await openRandomAccess(dataShardPath(this.path, id, this.header.numShards));
    this.shards[id] = opened;
    return opened;
  }

  /** The entry's bytes from its shard, after checking the size and crc32c. */
  private async readChecked(name: string, entry: BundleEntry, dtype: DType): Promise<Uint8Array> {
    const shard = await this.shard(entry.shardId);
    if (dtype !== 'string') {
      const expected = numElements(entry.shape) * dtypeByteSize(dtype);
      if (entry.size !== expected) {
        throw new CorruptCheckpointError(shard.name, name, `size ${entry.size} bytes, but shape [${entry.shape}] of ${dtype} needs ${expected}`);
      }
    }
    if (entry.offset + entry.size > shard.size) throw new TruncatedCheckpointError(shard.name, entry.offset, `tensor ${name} of ${entry.size} bytes`);
    const bytes = await shard.read(entry.offset, entry.size, `tensor ${name}`);
    if (dtype !== 'string' && maskCrc(crc32c(bytes)) !== entry.crc32c) {
      throw new CorruptCheckpointError(shard.name, name, `crc32c mismatch at offset ${entry.offset} (the tensor bytes are damaged)`);
    }
    return bytes;
  }

  private async readStrings(name: string, entry: BundleEntry): Promise<Uint8Array[]> {
    const bytes = await this.readChecked(name, entry, 'string');
    const file = dataShardPath(this.path, entry.shardId, this.header.numShards);
    try {
      const { values, crc } = decodeStringTensor(bytes, numElements(entry.shape));
      if (maskCrc(crc) !== entry.crc32c) throw new StringTensorError(`crc32c mismatch at offset ${entry.offset}`);
      return values;
    } catch (err) {
      if (!(err instanceof StringTensorError)) throw err;
      throw new CorruptCheckpointError(file, name, err.message, { cause: err });
    }
  }

  /** A partitioned variable: each slice is its own entry under an OrderedCode key. */
  private async assemble(name: string, entry: BundleEntry, dtype: Exclude<DType, 'string'>): Promise<TypedArray> {
    const index = indexPath(this.path);
    let full: TypedArray | undefined;
    let covered = 0;
    // The slices must tile the tensor; checking first keeps a corrupt shape from allocating a huge array.
    const total = numElements(entry.shape);
    const claimed = entry.slices.reduce((sum, extents) => {
      const b = sliceBounds(entry.shape, extents);
      return sum + (typeof b === 'string' ? 0 : numElements(b.map((x) => x.length)));
    }, 0);
    if (claimed !== total) throw new CorruptCheckpointError(index, name, `slices cover ${claimed} of ${total} elements`);
    for (const extents of entry.slices) {
      const bounds = sliceBounds(entry.shape, extents);
      if (typeof bounds === 'string') throw new CorruptCheckpointError(index, name, bounds);
      const part = this.sliceEntries.get(hex(encodeTensorNameSlice(name, extents)));
      if (!part) throw new CorruptCheckpointError(index, name, 'a slice listed in the entry has no table entry');
      const sliceShape = bounds.map((b) => b.length);
      const values = decodeTensorBytes(dtype, await this.readChecked(name, { ...part, shape: sliceShape }, dtype));
      full ??= new (values.constructor as new (n: number) => TypedArray)(numElements(entry.shape));
      copySlice(full, entry.shape, bounds, values);
      covered += values.length;
    }
    if (!full || covered !== numElements(entry.shape)) {
      throw new CorruptCheckpointError(index, name, `slices cover ${covered} of ${numElements(entry.shape)} elements`);
    }
    return full;
  }
}

function validateHeader(h: BundleHeader, file: string): void {
  if (h.numShards === 0) throw new NotACheckpointError(file, 'the header under the empty key has no num_shards (a V1 checkpoint or another table)');
  if (h.numShards < 1 || h.numShards > MAX_SHARDS) throw new CorruptCheckpointError(file, undefined, `num_shards ${h.numShards}`);
  if (h.endianness !== 0) throw new UnsupportedCheckpointError(file, 'a big-endian tensor bundle');
  if (h.version.minConsumer > BUNDLE_VERSION || h.version.badConsumers.includes(BUNDLE_VERSION)) {
    throw new UnsupportedCheckpointError(file, `bundle version (producer ${h.version.producer}, min_consumer ${h.version.minConsumer})`);
  }
}

function validateEntry(e: BundleEntry, h: BundleHeader, file: string, name: string): void {
  if (e.slices.length) return;
  if (e.shardId < 0 || e.shardId >= h.numShards) throw new CorruptCheckpointError(file, name, `shard_id ${e.shardId} of ${h.numShards} shards`);
}
