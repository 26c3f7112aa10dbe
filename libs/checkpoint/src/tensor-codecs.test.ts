import { describe, expect, it } from 'vitest';
import { floatToHalf, halfToFloat } from './half-float';
import { copySlice, sliceBounds } from './slice-assembly';
import { decodeStringTensor, encodeStringTensor, StringTensorError } from './string-tensor';

describe('tensor codecs', () => {
  it('tensor codecs - converts half floats, rounding to nearest even', () => {
    expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x8000].map(halfToFloat)).toEqual([1, -2, 65504, 2 ** -24, Infinity, -0]);
    expect([1, -2, 65504, 2 ** -24, 1e6, 0].map(floatToHalf)).toEqual([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0]);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // tie rounds to even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true);
  });

  it('tensor codecs - string tensors round-trip and check their length checksum', () => {
    const values = ['', 'a', 'x'.repeat(300)].map((s) => new TextEncoder().encode(s));
    const { bytes, crc } = encodeStringTensor(values);
    const back = decodeStringTensor(bytes, 3);
    expect(back.crc).toBe(crc);
    expect(back.values.map((v) => v.length)).toEqual([0, 1, 300]);
    const bad = bytes.slice();
    bad[4] ^= 1; // a byte of the lengths checksum
    expect(() => decodeStringTensor(bad, 3)).toThrow(StringTensorError);
    expect(() => decodeStringTensor(bytes, 1_000_000)).toThrow(/cannot fit/);
    expect(() => decodeStringTensor(bytes.subarray(0, 20), 3)).toThrow(StringTensorError);
  });

  it('tensor codecs - copies a slice into the middle of a 3-d tensor', () => {
    const full = new Float32Array(2 * 3 * 4);
    const bounds = sliceBounds([2, 3, 4], [{ start: 1, length: 1 }, { start: 1, length: 2 }, { start: 0, length: undefined }]);
    if (typeof bounds === 'string') throw new Error(bounds);
    copySlice(full, [2, 3, 4], bounds, Float32Array.from({ length: 8 }, (_, i) => i + 1));
    expect(Array.from(full.subarray(16))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(full.subarray(0, 16).every((x) => x === 0)).toBe(true);
    expect(sliceBounds([2], [{ start: 1, length: 5 }])).toMatch(/outside dimension 0/);
  });
});
