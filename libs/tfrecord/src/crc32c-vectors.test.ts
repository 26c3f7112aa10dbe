import { describe, expect, it } from 'vitest';
import { crc32c, maskCrc, unmaskCrc } from './crc32c';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('crc32c', () => {
  it('crc32c - matches the standard check value (shared with checkpoint tables and bundles)', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
  });

  it('crc32c - matches the RFC 3720 vectors', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
  });

  it('crc32c - extends over split input', () => {
    const data = ascii('hello checkpoint world');
    expect(crc32c(data.subarray(7), crc32c(data.subarray(0, 7)))).toBe(crc32c(data));
  });

  it('crc32c - mask and unmask are inverse and masking changes the value', () => {
    for (const c of [0, 1, 0xe3069283, 0xffffffff, 0x12345678]) {
      expect(maskCrc(c)).not.toBe(c);
      expect(unmaskCrc(maskCrc(c))).toBe(c);
    }
  });
});
