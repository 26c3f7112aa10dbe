// TensorShapeProto and TensorSliceProto, shared by the V1 and V2 formats.
import { ProtoDecodeError, type ProtoReader, ProtoWriter, WIRE_LEN, WIRE_VARINT } from './proto-wire';

/** One dimension of a slice; `length` undefined means the full extent (TensorSlice kFullExtent). */
export interface SliceExtent {
  start: number;
  length: number | undefined;
}

export function decodeShape(r: ProtoReader): number[] {
  const dims: number[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 2 && wire === WIRE_LEN) {
      const d = r.message();
      let size = 0;
      while (!d.done()) {
        const t = d.tag();
        if (t.field === 1 && t.wire === WIRE_VARINT) {
          const at = d.pos;
          const v = d.int64();
          if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtoDecodeError(`dimension size ${v}`, at);
          size = Number(v);
        } else d.skip(t.wire);
      }
      dims.push(size);
    } else if (field === 3 && wire === WIRE_VARINT) {
      if (r.varint() !== 0) throw new ProtoDecodeError('shape of unknown rank', r.pos);
    } else r.skip(wire);
  }
  return dims;
}

export function encodeShape(shape: readonly number[]): Uint8Array {
  const w = new ProtoWriter();
  for (const size of shape) w.bytesField(2, new ProtoWriter().varintField(1, size).finish());
  return w.finish();
}

export function decodeSlice(r: ProtoReader): SliceExtent[] {
  const extents: SliceExtent[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) {
      const e = r.message();
      const extent: SliceExtent = { start: 0, length: undefined };
      while (!e.done()) {
        const t = e.tag();
        if (t.field === 1 && t.wire === WIRE_VARINT) extent.start = e.int64Number();
        else if (t.field === 2 && t.wire === WIRE_VARINT) extent.length = e.int64Number();
        else e.skip(t.wire);
      }
      extents.push(extent);
    } else r.skip(wire);
  }
  return extents;
}
