// Raw Snappy decompression (the block format LevelDB tables use; no framing), with every length checked.
import { FinetuneError } from '@finetune/runtime/finetune-error';

/** Malformed Snappy input; the table reader rethrows it naming the file and block. */
export class SnappyError extends FinetuneError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super('internal', `snappy: ${message} at input byte ${offset}`);
  }
}

// A 3-byte copy element emits at most 64 bytes, so no valid stream expands more than ~22x.
// Rejecting larger claims stops a garbage header from allocating gigabytes.
const MAX_EXPANSION = 22;

export function snappyUncompressedLength(input: Uint8Array): { length: number; headerBytes: number } {
  let length = 0;
  for (let i = 0; i < 5; i++) {
    if (i >= input.length) throw new SnappyError('length header runs past the end', i);
    const b = input[i];
    length += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) {
      if (length > 0xffffffff) throw new SnappyError('length header exceeds 32 bits', 0);
      return { length, headerBytes: i + 1 };
    }
  }
  throw new SnappyError('length header longer than 5 bytes', 0);
}

export function snappyDecompress(input: Uint8Array): Uint8Array {
  const { length, headerBytes } = snappyUncompressedLength(input);
  if (length > input.length * MAX_EXPANSION + 64) {
    throw new SnappyError(`claims ${length} bytes from ${input.length}, more than snappy can expand`, 0);
  }
  const out = new Uint8Array(length);
  let op = 0;
  let ip = headerBytes;
  while (ip < input.length) {
    const tagAt = ip;
    const tag = input[ip++];
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >>> 2;
      if (len >= 60) {
        const extra = len - 59;
        if (ip + extra > input.length) throw new SnappyError('literal length runs past the end', tagAt);
        len = 0;
        for (let i = 0; i < extra; i++) len += input[ip + i] * 2 ** (8 * i);
        ip += extra;
      }
      len += 1;
      if (ip + len > input.length) throw new SnappyError(`literal of ${len} bytes runs past the end`, tagAt);
      if (op + len > length) throw new SnappyError('output longer than the declared length', tagAt);
      out.set(input.subarray(ip, ip + len), op);
      ip += len;
      op += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (ip + 1 > input.length) throw new SnappyError('copy runs past the end', tagAt);
      len = 4 + ((tag >>> 2) & 7);
      offset = ((tag >>> 5) << 8) | input[ip++];
    } else if (kind === 2) {
      if (ip + 2 > input.length) throw new SnappyError('copy runs past the end', tagAt);
      len = (tag >>> 2) + 1;
      offset = input[ip] | (input[ip + 1] << 8);
      ip += 2;
    } else {
      if (ip + 4 > input.length) throw new SnappyError('copy runs past the end', tagAt);
      len = (tag >>> 2) + 1;
      offset = (input[ip] | (input[ip + 1] << 8) | (input[ip + 2] << 16) | (input[ip + 3] << 24)) >>> 0;
      ip += 4;
    }
    if (offset === 0 || offset > op) throw new SnappyError(`copy offset ${offset} outside the ${op} bytes written`, tagAt);
    if (op + len > length) throw new SnappyError('output longer than the declared length', tagAt);
    // Byte by byte: a copy may overlap its own output (offset < len repeats a pattern).
    for (let i = 0; i < len; i++, op++) out[op] = out[op - offset];
  }
  if (op !== length) throw new SnappyError(`produced ${op} bytes, header declared ${length}`, ip);
  return out;
}
