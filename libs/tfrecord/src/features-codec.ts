// Wire encoding of tf.train.Feature and tf.train.Features (the map), shared by Example and SequenceExample.
import type { Feature, Features } from './feature';
import { ProtoReader, WIRE_FIXED32, WIRE_LENGTH_DELIMITED, WIRE_VARINT } from './proto-reader';
import { ProtoWriter, int64Size, lengthDelimitedSize } from './proto-writer';

// Field numbers from tensorflow/core/example/feature.proto.
const FEATURE_BYTES_LIST = 1;
const FEATURE_FLOAT_LIST = 2;
const FEATURE_INT64_LIST = 3;
const LIST_VALUE = 1;
const MAP_KEY = 1;
const MAP_VALUE = 2;

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const utf8 = new TextEncoder();
// Keys are proto3 strings: TensorFlow rejects invalid UTF-8 in them, and so do we.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** How a Features map is ordered on the wire. */
export interface EncodeOptions {
  /**
   * Sort map keys by their UTF-8 bytes, like protobuf's deterministic serialization. Off, the Map's own
   * order is kept, which reproduces a decoded record byte for byte.
   * @default false
   */
  deterministic?: boolean;
}

/** Size of a Feature message's payload (without its own tag and length). */
export function featureSize(feature: Feature): number {
  switch (feature.kind) {
    case 'bytesList': {
      let n = 0;
      for (const v of feature.value) n += lengthDelimitedSize(v.length);
      return lengthDelimitedSize(n);
    }
    case 'floatList': {
      const n = feature.value.length * 4;
      // TF writes packed; an empty packed field is omitted entirely.
      return lengthDelimitedSize(n === 0 ? 0 : lengthDelimitedSize(n));
    }
    case 'int64List': {
      let n = 0;
      for (const v of feature.value) n += int64Size(v);
      return lengthDelimitedSize(n === 0 ? 0 : lengthDelimitedSize(n));
    }
    case 'empty':
      return 0;
  }
}

export function writeFeature(w: ProtoWriter, feature: Feature): void {
  switch (feature.kind) {
    case 'bytesList': {
      let n = 0;
      for (const v of feature.value) n += lengthDelimitedSize(v.length);
      w.header(FEATURE_BYTES_LIST, n);
      for (const v of feature.value) w.bytes(LIST_VALUE, v);
      return;
    }
    case 'floatList': {
      const n = feature.value.length * 4;
      w.header(FEATURE_FLOAT_LIST, n === 0 ? 0 : lengthDelimitedSize(n));
      if (n === 0) return;
      w.header(LIST_VALUE, n);
      if (LITTLE_ENDIAN) {
        const v = feature.value;
        w.raw(new Uint8Array(v.buffer, v.byteOffset, n));
      } else {
        const view = new DataView(w.buf.buffer, w.buf.byteOffset + w.pos, n);
        feature.value.forEach((x, i) => view.setFloat32(i * 4, x, true));
        w.pos += n;
      }
      return;
    }
    case 'int64List': {
      let n = 0;
      for (const v of feature.value) n += int64Size(v);
      w.header(FEATURE_INT64_LIST, n === 0 ? 0 : lengthDelimitedSize(n));
      if (n === 0) return;
      w.header(LIST_VALUE, n);
      for (const v of feature.value) w.int64(v);
      return;
    }
    case 'empty':
      return;
  }
}

/** Map entries in wire order, with their key bytes and sizes computed once. */
interface MapEntry<V> {
  key: Uint8Array;
  value: V;
  valueSize: number;
  entrySize: number;
}

export function mapEntries<V>(
  map: Map<string, V>,
  sizeOf: (v: V) => number,
  options: EncodeOptions,
): { entries: MapEntry<V>[]; size: number } {
  const entries: MapEntry<V>[] = [];
  let size = 0;
  for (const [k, value] of map) {
    const key = utf8.encode(k);
    const valueSize = sizeOf(value);
    // TF's map entries always carry both key and value, even when empty.
    const entrySize = lengthDelimitedSize(key.length) + lengthDelimitedSize(valueSize);
    entries.push({ key, value, valueSize, entrySize });
    size += lengthDelimitedSize(entrySize);
  }
  if (options.deterministic) entries.sort((a, b) => Buffer.compare(a.key, b.key));
  return { entries, size };
}

export function writeMapEntries<V>(
  w: ProtoWriter,
  field: number,
  entries: MapEntry<V>[],
  writeValue: (w: ProtoWriter, v: V) => void,
): void {
  for (const e of entries) {
    w.header(field, e.entrySize);
    w.bytes(MAP_KEY, e.key);
    w.header(MAP_VALUE, e.valueSize);
    writeValue(w, e.value);
  }
}

/** A packed run of float32s, copied so the result owns its memory and NaN payloads keep their bits. */
function readPackedFloats(r: ProtoReader): Float32Array {
  const [start, end] = r.lengthDelimited();
  const len = end - start;
  if (len % 4 !== 0) r.fail(`packed float list of ${len} bytes is not a multiple of 4`, start);
  const copy = r.buf.slice(start, end);
  if (LITTLE_ENDIAN) return new Float32Array(copy.buffer, 0, len / 4);
  const view = new DataView(copy.buffer);
  return Float32Array.from({ length: len / 4 }, (_, i) => view.getFloat32(i * 4, true));
}

function decodeFloatList(r: ProtoReader): Float32Array {
  const chunks: Float32Array[] = [];
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field !== LIST_VALUE) r.skip(wire);
    else if (wire === WIRE_LENGTH_DELIMITED) chunks.push(readPackedFloats(r));
    else if (wire === WIRE_FIXED32) {
      // Unpacked: one fixed32 per value. Copy its 4 bytes so NaN payloads keep their bits.
      const at = r.pos;
      r.advance(4);
      const one = new Float32Array(1);
      new Uint8Array(one.buffer).set(r.buf.subarray(at, at + 4));
      if (!LITTLE_ENDIAN) one[0] = new DataView(r.buf.buffer, r.buf.byteOffset + at, 4).getFloat32(0, true);
      chunks.push(one);
    } else r.fail(`float_list value with wire type ${wire}`);
  }
  if (chunks.length === 1) return chunks[0];
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Float32Array(total);
  let i = 0;
  for (const c of chunks) {
    out.set(c, i);
    i += c.length;
  }
  return out;
}

function decodeInt64List(r: ProtoReader): bigint[] {
  const out: bigint[] = [];
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field !== LIST_VALUE) r.skip(wire);
    else if (wire === WIRE_VARINT) out.push(r.int64());
    else if (wire === WIRE_LENGTH_DELIMITED) {
      const packed = r.sub(r.messageType);
      while (!packed.done) out.push(packed.int64());
    } else r.fail(`int64_list value with wire type ${wire}`);
  }
  return out;
}

function decodeBytesList(r: ProtoReader): Uint8Array[] {
  const out: Uint8Array[] = [];
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === LIST_VALUE && wire === WIRE_LENGTH_DELIMITED) out.push(r.bytes());
    else if (field === LIST_VALUE) r.fail(`bytes_list value with wire type ${wire}`);
    else r.skip(wire);
  }
  return out;
}

/** Decodes a Feature message spanning the whole reader. Within the oneof the last kind on the wire wins. */
export function decodeFeature(r: ProtoReader): Feature {
  let feature: Feature = { kind: 'empty' };
  while (!r.done) {
    const [field, wire] = r.tag();
    if (wire !== WIRE_LENGTH_DELIMITED || field < 1 || field > 3) {
      r.skip(wire);
      continue;
    }
    if (field === FEATURE_BYTES_LIST) feature = { kind: 'bytesList', value: decodeBytesList(r.sub('tf.train.BytesList')) };
    else if (field === FEATURE_FLOAT_LIST) feature = { kind: 'floatList', value: decodeFloatList(r.sub('tf.train.FloatList')) };
    else feature = { kind: 'int64List', value: decodeInt64List(r.sub('tf.train.Int64List')) };
  }
  return feature;
}

/** Decodes one map entry (key = 1, value = 2) whose value is parsed by `decodeValue`; absent parts get defaults. */
export function decodeMapEntry<V>(
  r: ProtoReader,
  valueType: string,
  decodeValue: (r: ProtoReader) => V,
): [string, V] {
  let key = '';
  let value: V | undefined;
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === MAP_KEY && wire === WIRE_LENGTH_DELIMITED) {
      const [start, end] = r.lengthDelimited();
      try {
        key = utf8Decoder.decode(r.buf.subarray(start, end));
      } catch {
        r.fail('map key is not valid UTF-8', start);
      }
    }
    else if (field === MAP_VALUE && wire === WIRE_LENGTH_DELIMITED) value = decodeValue(r.sub(valueType));
    else r.skip(wire);
  }
  return [key, value ?? decodeValue(new ProtoReader(new Uint8Array(0), valueType))];
}

/** Decodes a Features message (field 1 = map entries); duplicate keys: the last value wins, as in protobuf. */
export function decodeFeatures(r: ProtoReader): Features {
  const features: Features = new Map();
  while (!r.done) {
    const [field, wire] = r.tag();
    if (field === 1 && wire === WIRE_LENGTH_DELIMITED) {
      const [k, v] = decodeMapEntry(r.sub('tf.train.Features'), 'tf.train.Feature', decodeFeature);
      features.set(k, v);
    } else r.skip(wire);
  }
  return features;
}
