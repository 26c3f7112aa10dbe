// Known CRC-32C vectors (RFC 3720 appendix B.4 and the usual check value) and the TFRecord mask.
import { describe, expect, it } from 'vitest';
import { crc32c, maskCrc, maskedCrc32c, unmaskCrc } from './crc32c';

/** Bit-at-a-time reference, to check the sliced tables against. */
function slowCrc32c(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32c', () => {
  it('crc32c - matches the check value for "123456789"', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('crc32c - matches the RFC 3720 vectors', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i))).toBe(0x113fdb5c);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it('crc32c - agrees with the bitwise reference at every length and alignment', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff);
    for (let start = 0; start < 9; start++) {
      for (let len = 0; len < 40; len++) {
        const piece = data.subarray(start, start + len);
        expect(crc32c(piece)).toBe(slowCrc32c(piece));
      }
    }
  });

  it('crc32c - continues across pieces', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 17) & 0xff);
    expect(crc32c(data.subarray(333), crc32c(data.subarray(0, 333)))).toBe(crc32c(data));
  });

  it('crc32c - masks as TensorFlow does and unmasks back', () => {
    // TensorFlow's crc32c_test.cc checks that Mask changes the value and Unmask restores it.
    const crc = crc32c(new TextEncoder().encode('foo'));
    expect(maskCrc(crc)).not.toBe(crc);
    expect(unmaskCrc(maskCrc(crc))).toBe(crc);
    expect(unmaskCrc(unmaskCrc(maskCrc(maskCrc(crc))))).toBe(crc);
    // The 35-byte TFRecord written by tf.python_io.TFRecordWriter for "The Quick Brown Fox" (tensorflow/rust).
    expect(maskedCrc32c(Uint8Array.of(19, 0, 0, 0, 0, 0, 0, 0))).toBe(0x1b32910c);
    expect(maskedCrc32c(new TextEncoder().encode('The Quick Brown Fox'))).toBe(0x3ae80d18);
  });
});
