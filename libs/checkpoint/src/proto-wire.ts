// Minimal protobuf wire-format reader and writer for the few TensorFlow messages a checkpoint holds.
import { FinetuneError } from '@finetune/runtime/finetune-error';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

/** Malformed wire data; callers rethrow it as a CorruptCheckpointError naming the file and key. */
export class ProtoDecodeError extends FinetuneError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super('internal', `${message} at byte ${offset}`);
  }
}

/** Reads fields from `buf[start, end)`; every read is bounds-checked, so garbage cannot run away. */
export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Unsigned varint as a bigint (up to 64 bits, 10 bytes). */
  varintBig(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoDecodeError('varint runs past the end', this.pos);
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new ProtoDecodeError('varint longer than 10 bytes', this.pos);
  }

  /** Unsigned varint that must fit a JS number exactly (sizes, offsets, counts). */
  varint(): number {
    // Fast path: most values fit in four 7-bit groups.
    let result = 0;
    const start = this.pos;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= this.end) throw new ProtoDecodeError('varint runs past the end', this.pos);
      const b = this.buf[this.pos++];
      result |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return result >>> 0;
    }
    this.pos = start;
    const big = this.varintBig();
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtoDecodeError(`varint ${big} exceeds 2^53`, start);
    return Number(big);
  }

  /** int32 / enum: negative values are sign-extended to 10 bytes on the wire. */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varintBig()));
  }

  int64(): bigint {
    return BigInt.asIntN(64, this.varintBig());
  }

  /** int64 field holding a size or offset: must be non-negative and exact as a number. */
  int64Number(): number {
    const v = this.int64();
    if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ProtoDecodeError(`int64 ${v} out of range`, this.pos);
    return Number(v);
  }

  fixed32(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** Field number and wire type of the next field. */
  tag(): { field: number; wire: number } {
    const at = this.pos;
    const t = this.varint();
    const field = Math.floor(t / 8);
    if (field === 0) throw new ProtoDecodeError('field number 0', at);
    return { field, wire: t & 7 };
  }

  /** Bounds of a length-delimited field, consumed. */
  lengthDelimited(): { start: number; end: number } {
    const len = this.varint();
    this.need(len);
    const start = this.pos;
    this.pos += len;
    return { start, end: start + len };
  }

  bytes(): Uint8Array {
    const { start, end } = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  string(): string {
    return new TextDecoder().decode(this.bytes());
  }

  /** A sub-reader over a length-delimited (embedded message) field. */
  message(): ProtoReader {
    const { start, end } = this.lengthDelimited();
    return new ProtoReader(this.buf, start, end);
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varintBig();
        return;
      case WIRE_FIXED64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new ProtoDecodeError(`unsupported wire type ${wire}`, this.pos);
    }
  }

  private need(n: number): void {
    if (n > this.end - this.pos) throw new ProtoDecodeError(`field of ${n} bytes runs past the end`, this.pos);
  }
}

/**
 * Reads a repeated scalar field that may be packed (one LEN field) or not (one field per value);
 * `one` decodes a single value from a reader positioned at it.
 */
export function readRepeated<T>(r: ProtoReader, wire: number, scalarWire: number, one: (r: ProtoReader) => T, into: T[]): void {
  if (wire === WIRE_LEN && scalarWire !== WIRE_LEN) {
    const sub = r.message();
    while (!sub.done()) into.push(one(sub));
  } else if (wire === scalarWire) {
    into.push(one(r));
  } else {
    throw new ProtoDecodeError(`wire type ${wire} where ${scalarWire} was expected`, r.pos);
  }
}

/** Appends fields in the order called; TensorFlow serializes in field-number order, and so must callers. */
export class ProtoWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    this.reserve(10);
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  /** A varint field, omitted when zero as proto3 does. */
  varintField(field: number, value: number | bigint): this {
    if (value === 0 || value === 0n) return this;
    return this.tag(field, WIRE_VARINT).varint(value);
  }

  /** A fixed32 field, omitted when zero as proto3 does. */
  fixed32Field(field: number, value: number): this {
    if (value === 0) return this;
    this.tag(field, WIRE_FIXED32);
    this.reserve(4);
    new DataView(this.buf.buffer).setUint32(this.len, value >>> 0, true);
    this.len += 4;
    return this;
  }

  bytesField(field: number, bytes: Uint8Array): this {
    this.tag(field, WIRE_LEN).varint(bytes.length);
    this.raw(bytes);
    return this;
  }

  stringField(field: number, s: string): this {
    return this.bytesField(field, new TextEncoder().encode(s));
  }

  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}
