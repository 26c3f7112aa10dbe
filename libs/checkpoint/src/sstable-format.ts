// Constants and small codecs of the LevelDB table format that TensorFlow's lib/io/table uses.

/** Footer magic 0xdb4775248b80fb57, stored little-endian in the last 8 bytes. */
export const TABLE_MAGIC_LO = 0x8b80fb57;
export const TABLE_MAGIC_HI = 0xdb477524;
export const FOOTER_SIZE = 48;
/** Each block is followed by a compression type byte and a masked crc32c. */
export const BLOCK_TRAILER_SIZE = 5;
export const COMPRESSION_NONE = 0;
export const COMPRESSION_SNAPPY = 1;

export interface BlockHandle {
  offset: number;
  size: number;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function writeVarint32(out: number[], value: number): void {
  let v = value >>> 0;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

export function writeVarint64(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

export function encodeBlockHandle(out: number[], h: BlockHandle): void {
  writeVarint64(out, h.offset);
  writeVarint64(out, h.size);
}
