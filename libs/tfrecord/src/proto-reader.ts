// Minimal protobuf wire-format reader: varints, fixed32 and length-delimited fields, enough for tf.train.Example.
import { ExampleDecodeError } from './errors';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/** Reads one message's bytes; `messageType` names it in errors. Sub-readers share the buffer (no copies). */
export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    readonly messageType: string,
    start = 0,
    readonly end = buf.length,
    /** Offset of `buf[0]` within the whole record, so errors point into the record. */
    readonly base = 0,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  fail(detail: string, at = this.pos): never {
    throw new ExampleDecodeError(this.messageType, this.base + at, detail);
  }

  /** A varint that must fit in 32 bits unsigned (tags and lengths). */
  uint32(): number {
    const { buf, end } = this;
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) this.fail('truncated varint', start);
      const b = buf[this.pos++];
      if (shift < 32) result += (b & 0x7f) * 2 ** shift;
      else if ((b & 0x7f) !== 0) this.fail('varint larger than 32 bits', start);
      if (b < 0x80) {
        if (result > 0xffffffff) this.fail('varint larger than 32 bits', start);
        return result;
      }
      shift += 7;
    }
    return this.fail('varint longer than 10 bytes', start);
  }

  /** A varint read as a signed 64-bit integer (int64 two's complement). */
  int64(): bigint {
    const { buf, end } = this;
    const start = this.pos;
    // Fast path: up to 4 bytes hold 28 bits; most values (labels, sizes, token ids) fit.
    let lo = 0;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= end) this.fail('truncated varint', start);
      const b = buf[this.pos++];
      lo |= (b & 0x7f) << (7 * i);
      if (b < 0x80) return BigInt(lo);
    }
    let result = BigInt(lo);
    let shift = 28n;
    for (let i = 4; i < 10; i++) {
      if (this.pos >= end) this.fail('truncated varint', start);
      const b = buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asIntN(64, result);
      shift += 7n;
    }
    return this.fail('varint longer than 10 bytes', start);
  }

  /** Length prefix plus bounds check; returns the [start, end) of the payload and moves past it. */
  lengthDelimited(): [number, number] {
    const at = this.pos;
    const len = this.uint32();
    const start = this.pos;
    if (start + len > this.end) this.fail(`length ${len} runs past the end of the message`, at);
    this.pos = start + len;
    return [start, start + len];
  }

  bytes(): Uint8Array {
    const [start, end] = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  /** A reader over a nested message's bytes. */
  sub(messageType: string): ProtoReader {
    const [start, end] = this.lengthDelimited();
    return new ProtoReader(this.buf, messageType, start, end, this.base);
  }

  /** Tag as [fieldNumber, wireType]. */
  tag(): [number, number] {
    const at = this.pos;
    const t = this.uint32();
    const field = t >>> 3;
    if (field === 0) this.fail('field number 0', at);
    return [field, t & 7];
  }

  /** Skips a field of an unknown number, as protobuf parsers do. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.int64();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        this.fail(`unsupported wire type ${wireType}`);
    }
  }

  advance(n: number): void {
    if (this.pos + n > this.end) this.fail(`needs ${n} more bytes`);
    this.pos += n;
  }
}
