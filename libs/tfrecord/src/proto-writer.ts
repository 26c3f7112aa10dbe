// Minimal protobuf wire-format writer into a buffer sized beforehand, so encoding allocates once.

/** Bytes a uint32 varint takes. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** Bytes an int64 takes as a varint; negative values take 10, as in protobuf's int64 encoding. */
export function int64Size(value: bigint): number {
  if (value >= 0n && value < 0x10000000n) return varintSize(Number(value));
  let v = BigInt.asUintN(64, value);
  let n = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    n++;
  }
  return n;
}

/** Bytes of a length-delimited field with a one-byte tag (all tf.train.Example fields are numbers 1..3). */
export function lengthDelimitedSize(payload: number): number {
  return 1 + varintSize(payload) + payload;
}

/** Writes into a preallocated buffer; the caller computed its exact size. */
export class ProtoWriter {
  pos = 0;
  readonly buf: Uint8Array;

  constructor(size: number) {
    this.buf = new Uint8Array(size);
  }

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  uint32(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
  }

  int64(value: bigint): void {
    if (value >= 0n && value < 0x10000000n) {
      this.uint32(Number(value));
      return;
    }
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  /** Tag for a length-delimited field plus its length. */
  header(field: number, length: number): void {
    this.byte((field << 3) | 2);
    this.uint32(length);
  }

  bytes(field: number, data: Uint8Array): void {
    this.header(field, data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  raw(data: Uint8Array): void {
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }
}
