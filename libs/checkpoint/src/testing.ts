// Test helpers: where the TensorFlow-written fixtures live and how to load their decoded truth.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeBundleHeader } from './bundle-protos';
import { crc32c, maskCrc } from '@finetune/tfrecord';
import { type DType, dtypeEnum, type TypedArray } from './dtypes';
import { encodeTensorNameSlice } from './ordered-code';
import { ProtoWriter } from './proto-wire';
import { compareBytes } from './sstable-format';
import { TableBuilder } from './sstable-builder';
import { encodeShape, type SliceExtent } from './tensor-protos';
import { encodeTensorBytes } from './tensor-bytes';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** `../shared/fixtures` beside the repository; absent on machines without the shared fixtures. */
export const fixturesDir = resolve(repoRoot, '../shared/fixtures');
export const haveFixtures = existsSync(join(fixturesDir, 'expected'));

export interface ExpectedEntry {
  name: string;
  dtype: string;
  shape: number[];
  shard_id: number;
  offset: number;
  size: number;
  crc32c_masked: number;
  values?: number[];
  values_head?: number[];
  string_lengths?: number[];
}

export interface ExpectedBundle {
  prefix: string;
  header: { num_shards: number; endianness: number; version: { producer: number } };
  table_layout: {
    file_size: number;
    metaindex_entries: number;
    index_block: { offset: number; size: number; compression: string };
    data_blocks: { offset: number; stored_size: number; compression: string; entries: number }[];
  };
  num_entries: number;
  entries: ExpectedEntry[];
}

export interface ExpectedV1 {
  file: string;
  keys: { key_hex: string; name: string; values: { float_val?: number[] } }[];
  meta: { tensors: { name: string; shape: number[]; dtype: string; slices: unknown[][] }[] };
}

export function loadExpected<T>(file: string): T {
  return JSON.parse(readFileSync(join(fixturesDir, 'expected', file), 'utf8')) as T;
}

/** Expected-JSON file names of one kind, e.g. `checkpoint_v2_`. */
export function expectedFiles(prefix: string): string[] {
  if (!haveFixtures) return [];
  return readdirSync(join(fixturesDir, 'expected')).filter((f) => f.startsWith(prefix) && f.endsWith('.json'));
}

/** First file named `name` under `dir`, searched depth-first. */
export function findFile(dir: string, name: string): string | undefined {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (entry === name) return p;
    if (statSync(p).isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** The expected JSON rounds values to 6 decimals. */
export function closeTo6(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 5.0001e-7 + Math.abs(expected) * 1e-7;
}

/** Typed arrays (or string arrays) with the same bytes; far faster than toEqual on large tensors. */
export function sameValues(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    return a.constructor === b.constructor && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---- Synthetic V1 and partitioned V2 files: TensorFlow wrote none small enough to ship, so tests build them
// with the same encoders TF uses (TensorSliceWriter layout, BundleWriter slice entries).

export interface SyntheticSlice {
  extents: SliceExtent[];
  values: TypedArray;
}

export interface SyntheticTensor {
  name: string;
  dtype: Exclude<DType, 'string'>;
  shape: number[];
  slices: SyntheticSlice[];
}

function encodeSliceProto(extents: readonly SliceExtent[]): Uint8Array {
  const w = new ProtoWriter();
  for (const e of extents) {
    const x = new ProtoWriter();
    if (e.length !== undefined) x.varintField(1, e.start).tag(2, 0).varint(e.length);
    w.bytesField(1, x.finish());
  }
  return w.finish();
}

/** TensorProto the way TensorSliceWriter fills it: typed repeated fields (packed), or tensor_content. */
function encodeTensorProto(dtype: Exclude<DType, 'string'>, values: TypedArray, useContent: boolean): Uint8Array {
  const w = new ProtoWriter();
  if (useContent) return w.bytesField(4, encodeTensorBytes(dtype, values)).finish();
  if (dtype === 'float32') return w.bytesField(5, encodeTensorBytes(dtype, values)).finish();
  if (dtype === 'float64') return w.bytesField(6, encodeTensorBytes(dtype, values)).finish();
  const packed = new ProtoWriter();
  for (const v of values) packed.varint(typeof v === 'bigint' ? v : BigInt(v));
  const field = dtype === 'int64' ? 10 : dtype === 'bool' ? 11 : 7;
  return w.bytesField(field, packed.finish()).finish();
}

/** A V1 checkpoint file: "" -> SavedTensorSlices.meta, then one SavedTensorSlices.data per slice. */
export function writeSyntheticV1(path: string, tensors: SyntheticTensor[], useContent = false): void {
  const meta = new ProtoWriter();
  for (const t of tensors) {
    const m = new ProtoWriter().stringField(1, t.name).bytesField(2, encodeShape(t.shape)).varintField(3, dtypeEnum(t.dtype));
    for (const s of t.slices) m.bytesField(4, encodeSliceProto(s.extents));
    meta.bytesField(1, m.finish());
  }
  meta.bytesField(2, new ProtoWriter().varintField(1, 1).finish());
  const entries: [Uint8Array, Uint8Array][] = [[new Uint8Array(0), new ProtoWriter().bytesField(1, meta.finish()).finish()]];
  for (const t of tensors) {
    for (const s of t.slices) {
      const saved = new ProtoWriter().stringField(1, t.name).bytesField(2, encodeSliceProto(s.extents)).bytesField(3, encodeTensorProto(t.dtype, s.values, useContent));
      entries.push([encodeTensorNameSlice(t.name, s.extents), new ProtoWriter().bytesField(2, saved.finish()).finish()]);
    }
  }
  entries.sort((a, b) => compareBytes(a[0], b[0]));
  const table = new TableBuilder();
  for (const [k, v] of entries) table.add(k, v);
  writeFileSync(path, table.finish());
}

/** A V2 bundle whose tensors are all stored as slices (a partitioned variable), in one data shard. */
export function writeSyntheticPartitionedV2(prefix: string, tensors: SyntheticTensor[]): void {
  const entries: [Uint8Array, Uint8Array][] = [[new Uint8Array(0), encodeBundleHeader(1)]];
  const data: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    const full = new ProtoWriter().varintField(1, dtypeEnum(t.dtype)).bytesField(2, encodeShape(t.shape));
    for (const s of t.slices) {
      full.bytesField(7, encodeSliceProto(s.extents));
      const bytes = encodeTensorBytes(t.dtype, s.values);
      const shape = s.extents.map((e, d) => e.length ?? t.shape[d]);
      const entry = new ProtoWriter().varintField(1, dtypeEnum(t.dtype)).bytesField(2, encodeShape(shape)).varintField(4, offset).varintField(5, bytes.length).fixed32Field(6, maskCrc(crc32c(bytes)));
      entries.push([encodeTensorNameSlice(t.name, s.extents), entry.finish()]);
      data.push(bytes.slice());
      offset += bytes.length;
    }
    entries.push([new TextEncoder().encode(t.name), full.finish()]);
  }
  entries.sort((a, b) => compareBytes(a[0], b[0]));
  const table = new TableBuilder();
  for (const [k, v] of entries) table.add(k, v);
  writeFileSync(`${prefix}.index`, table.finish());
  writeFileSync(`${prefix}.data-00000-of-00001`, Buffer.concat(data));
}
