// SavedTensorSlices, SavedSlice and TensorProto: the values of a V1 (TensorSliceWriter) checkpoint table.
import { ProtoDecodeError, ProtoReader, readRepeated, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './proto-wire';
import { decodeShape, decodeSlice, type SliceExtent } from './tensor-protos';

export interface SavedSliceMeta {
  name: string;
  shape: number[];
  /** DataType enum value. */
  dtype: number;
  slices: SliceExtent[][];
}

/** The typed value fields of a TensorProto that TensorSliceWriter fills (SaveTypeTraits). */
export interface TensorProtoValues {
  dtype: number;
  tensorContent?: Uint8Array;
  /** Little-endian bytes of float_val / double_val, packed or not. */
  floatBytes: Uint8Array[];
  doubleBytes: Uint8Array[];
  /** int_val (int32, uint8, int8, int16, uint16), half_val (bits), bool_val. */
  intVal: number[];
  halfVal: number[];
  boolVal: number[];
  int64Val: bigint[];
  stringVal: Uint8Array[];
}

export interface SavedSlice {
  name: string;
  slice: SliceExtent[];
  data: TensorProtoValues | undefined;
}

/** The "" entry: SavedTensorSlices.meta; undefined when absent (then the table is no V1 checkpoint). */
export function decodeSavedMeta(value: Uint8Array): SavedSliceMeta[] | undefined {
  const r = new ProtoReader(value);
  let tensors: SavedSliceMeta[] | undefined;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) {
      tensors ??= [];
      const m = r.message();
      while (!m.done()) {
        const t = m.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) tensors.push(decodeSliceMeta(m.message()));
        else m.skip(t.wire);
      }
    } else r.skip(wire);
  }
  return tensors;
}

function decodeSliceMeta(r: ProtoReader): SavedSliceMeta {
  const meta: SavedSliceMeta = { name: '', shape: [], dtype: 0, slices: [] };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) meta.name = r.string();
    else if (field === 2 && wire === WIRE_LEN) meta.shape = decodeShape(r.message());
    else if (field === 3 && wire === WIRE_VARINT) meta.dtype = r.int32();
    else if (field === 4 && wire === WIRE_LEN) meta.slices.push(decodeSlice(r.message()));
    else r.skip(wire);
  }
  return meta;
}

/** A data entry: SavedTensorSlices.data (field 2) holding one SavedSlice. */
export function decodeSavedSlice(value: Uint8Array): SavedSlice | undefined {
  const r = new ProtoReader(value);
  let slice: SavedSlice | undefined;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 2 && wire === WIRE_LEN) {
      const s = r.message();
      slice = { name: '', slice: [], data: undefined };
      while (!s.done()) {
        const t = s.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) slice.name = s.string();
        else if (t.field === 2 && t.wire === WIRE_LEN) slice.slice = decodeSlice(s.message());
        else if (t.field === 3 && t.wire === WIRE_LEN) slice.data = decodeTensorProto(s.message());
        else s.skip(t.wire);
      }
    } else r.skip(wire);
  }
  return slice;
}

function fixedBytes(r: ProtoReader, wire: number, width: 4 | 8, into: Uint8Array[]): void {
  const scalarWire = width === 4 ? WIRE_FIXED32 : WIRE_FIXED64;
  if (wire === WIRE_LEN) {
    const b = r.bytes();
    if (b.length % width) throw new ProtoDecodeError(`packed field of ${b.length} bytes is not a multiple of ${width}`, r.pos);
    into.push(b);
  } else if (wire === scalarWire) {
    const at = r.pos;
    r.skip(wire);
    into.push(r.buf.subarray(at, at + width));
  } else r.skip(wire);
}

function decodeTensorProto(r: ProtoReader): TensorProtoValues {
  const t: TensorProtoValues = { dtype: 0, floatBytes: [], doubleBytes: [], intVal: [], halfVal: [], boolVal: [], int64Val: [], stringVal: [] };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_VARINT) t.dtype = r.int32();
    else if (field === 4 && wire === WIRE_LEN) t.tensorContent = r.bytes();
    else if (field === 5) fixedBytes(r, wire, 4, t.floatBytes);
    else if (field === 6) fixedBytes(r, wire, 8, t.doubleBytes);
    else if (field === 7) readRepeated(r, wire, WIRE_VARINT, (x) => x.int32(), t.intVal);
    else if (field === 8 && wire === WIRE_LEN) t.stringVal.push(r.bytes());
    else if (field === 10) readRepeated(r, wire, WIRE_VARINT, (x) => x.int64(), t.int64Val);
    else if (field === 11) readRepeated(r, wire, WIRE_VARINT, (x) => x.int32(), t.boolVal);
    else if (field === 13) readRepeated(r, wire, WIRE_VARINT, (x) => x.int32(), t.halfVal);
    else r.skip(wire);
  }
  return t;
}
