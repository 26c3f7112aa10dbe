// Table keys of tensor slices (checkpoint::EncodeTensorNameSlice), built with TF's OrderedCode encoding.
import type { SliceExtent } from './tensor-protos';

/** OrderedCode::WriteNumIncreasing: a length byte, then the big-endian bytes without leading zeros. */
function numIncreasing(out: number[], value: number): void {
  const bytes: number[] = [];
  let v = value;
  while (v > 0) {
    bytes.unshift(v % 256);
    v = Math.floor(v / 256);
  }
  out.push(bytes.length, ...bytes);
}

/** OrderedCode::WriteString: 0x00 -> 00 FF, 0xFF -> FF 00, terminated by 00 01, so keys sort like names. */
function orderedString(out: number[], bytes: Uint8Array): void {
  for (const b of bytes) {
    if (b === 0x00) out.push(0x00, 0xff);
    else if (b === 0xff) out.push(0xff, 0x00);
    else out.push(b);
  }
  out.push(0x00, 0x01);
}

/**
 * OrderedCode::WriteSignedNumIncreasing: the count of leading 1 bits in the first byte(s) gives the
 * length, then the two's-complement value (sign-extended); one byte holds -64..63.
 */
function signedNumIncreasing(out: number[], value: number): void {
  const v = BigInt(value);
  const x = v < 0n ? ~v : v;
  const bits = x === 0n ? 0 : x.toString(2).length;
  const len = Math.floor(bits / 7) + 1;
  const bytes: number[] = [];
  let t = BigInt.asUintN(80, v);
  for (let i = 0; i < len; i++) {
    bytes.unshift(Number(t & 0xffn));
    t >>= 8n;
  }
  // Header: `len` one-bits then a zero bit, spread over the first one or two bytes.
  const headerBits = len <= 8 ? [(0xff00 >> len) & 0xff, 0] : [0xff, (0xff00 >> (len - 8)) & 0xff];
  bytes[0] ^= headerBits[0];
  if (len > 1) bytes[1] ^= headerBits[1];
  out.push(...bytes);
}

/** Key of slice `extents` of `name`; a full extent is encoded as start 0, length -1. */
export function encodeTensorNameSlice(name: string, extents: readonly SliceExtent[]): Uint8Array {
  const out: number[] = [];
  numIncreasing(out, 0); // every slice key starts with 0, so it sorts before plain names
  orderedString(out, new TextEncoder().encode(name));
  numIncreasing(out, extents.length);
  for (const e of extents) {
    signedNumIncreasing(out, e.length === undefined ? 0 : e.start);
    signedNumIncreasing(out, e.length === undefined ? -1 : e.length);
  }
  return new Uint8Array(out);
}

/** The prefix shared by every slice key of `name`, for seeking a V1 table to that tensor. */
export function tensorNameKeyPrefix(name: string): Uint8Array {
  const out: number[] = [];
  numIncreasing(out, 0);
  orderedString(out, new TextEncoder().encode(name));
  return new Uint8Array(out);
}
