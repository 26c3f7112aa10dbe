import { describe, expect, it } from 'vitest';
import { encodeTensorNameSlice, tensorNameKeyPrefix } from './ordered-code';
import { compareBytes } from './sstable-format';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
// The bytes after the name and the rank byte: one signed start and one signed length for a 1-d slice (rank 1 is 01 01).
const signedPair = (start: number, length: number) => encodeTensorNameSlice('v', [{ start, length }]).subarray(6);

describe('ordered code', () => {
  it('ordered code - encodes a scalar full slice as the fixtures show', () => {
    expect(hex(encodeTensorNameSlice('a', []))).toBe('0061000100');
    expect(hex(encodeTensorNameSlice('Variable_1', []))).toBe('005661726961626c655f31000100');
  });

  it('ordered code - escapes NUL and 0xff bytes in names', () => {
    expect(hex(tensorNameKeyPrefix('a\u0000b'))).toBe('006100ff62' + '0001');
  });

  it('ordered code - encodes a full extent as start 0, length -1', () => {
    expect(hex(encodeTensorNameSlice('v', [{ start: 0, length: undefined }]))).toBe('0076000101' + '01' + '80' + '7f');
  });

  it('ordered code - signed numbers keep their order across length boundaries', () => {
    const values = [-(2 ** 40), -70000, -8193, -8192, -65, -64, -1, 0, 1, 63, 64, 8191, 8192, 70000, 2 ** 40, 2 ** 53 - 1];
    const encoded = values.map((v) => signedPair(v, 0));
    for (let i = 1; i < values.length; i++) expect(compareBytes(encoded[i - 1], encoded[i]), `${values[i - 1]} < ${values[i]}`).toBeLessThan(0);
    expect(hex(signedPair(64, 0))).toBe('c04080');
    expect(hex(signedPair(-65, 0))).toBe('3fbf80');
  });
});
