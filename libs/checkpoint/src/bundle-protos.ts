// BundleHeaderProto and BundleEntryProto (tensor_bundle.proto): the values of a V2 `.index` table.
import { ProtoReader, ProtoWriter, WIRE_FIXED32, WIRE_LEN, WIRE_VARINT } from './proto-wire';
import { decodeShape, decodeSlice, encodeShape, type SliceExtent } from './tensor-protos';

/** kTensorBundleVersion in tensor_bundle.h; a reader must accept it. */
export const BUNDLE_VERSION = 1;

export interface BundleHeader {
  numShards: number;
  /** 0 little-endian, 1 big-endian. */
  endianness: number;
  version: { producer: number; minConsumer: number; badConsumers: number[] };
}

export interface BundleEntry {
  /** DataType enum value; mapped to a DType by the reader. */
  dtype: number;
  shape: number[];
  shardId: number;
  offset: number;
  size: number;
  /** Masked crc32c of the tensor's bytes in its data shard. */
  crc32c: number;
  /** Non-empty for a partitioned variable: each slice is stored under its own key. */
  slices: SliceExtent[][];
}

export function decodeBundleHeader(value: Uint8Array): BundleHeader {
  const r = new ProtoReader(value);
  const h: BundleHeader = { numShards: 0, endianness: 0, version: { producer: 0, minConsumer: 0, badConsumers: [] } };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_VARINT) h.numShards = r.int32();
    else if (field === 2 && wire === WIRE_VARINT) h.endianness = r.int32();
    else if (field === 3 && wire === WIRE_LEN) {
      const v = r.message();
      while (!v.done()) {
        const t = v.tag();
        if (t.field === 1 && t.wire === WIRE_VARINT) h.version.producer = v.int32();
        else if (t.field === 2 && t.wire === WIRE_VARINT) h.version.minConsumer = v.int32();
        else if (t.field === 3 && t.wire === WIRE_VARINT) h.version.badConsumers.push(v.int32());
        else v.skip(t.wire);
      }
    } else r.skip(wire);
  }
  return h;
}

export function encodeBundleHeader(numShards: number): Uint8Array {
  return new ProtoWriter()
    .varintField(1, numShards)
    .bytesField(3, new ProtoWriter().varintField(1, BUNDLE_VERSION).finish())
    .finish();
}

export function decodeBundleEntry(value: Uint8Array): BundleEntry {
  const r = new ProtoReader(value);
  const e: BundleEntry = { dtype: 0, shape: [], shardId: 0, offset: 0, size: 0, crc32c: 0, slices: [] };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_VARINT) e.dtype = r.int32();
    else if (field === 2 && wire === WIRE_LEN) e.shape = decodeShape(r.message());
    else if (field === 3 && wire === WIRE_VARINT) e.shardId = r.int32();
    else if (field === 4 && wire === WIRE_VARINT) e.offset = r.int64Number();
    else if (field === 5 && wire === WIRE_VARINT) e.size = r.int64Number();
    else if (field === 6 && wire === WIRE_FIXED32) e.crc32c = r.fixed32();
    else if (field === 7 && wire === WIRE_LEN) e.slices.push(decodeSlice(r.message()));
    else r.skip(wire);
  }
  return e;
}

/** Serializes as protobuf C++ does for TF: fields in number order, zero scalars omitted, shape always set. */
export function encodeBundleEntry(e: Omit<BundleEntry, 'slices'>): Uint8Array {
  return new ProtoWriter()
    .varintField(1, e.dtype)
    .bytesField(2, encodeShape(e.shape))
    .varintField(3, e.shardId)
    .varintField(4, e.offset)
    .varintField(5, e.size)
    .fixed32Field(6, e.crc32c)
    .finish();
}
