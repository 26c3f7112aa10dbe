// CRC-32C (Castagnoli), and the masking LevelDB and TensorFlow apply to CRCs they store next to data.

const POLY_REVERSED = 0x82f63b78;
// Added after rotating so a CRC of data that itself holds CRCs does not degenerate (LevelDB's kMaskDelta).
const MASK_DELTA = 0xa282ead8;

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY_REVERSED : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32C of `buf`; pass a previous result as `init` to extend it over more bytes. */
export function crc32c(buf: Uint8Array, init = 0): number {
  let crc = ~init >>> 0;
  for (let i = 0; i < buf.length; i++) crc = TABLE[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** The form in which TFRecord, SSTable blocks and tensor bundles store a CRC. */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
