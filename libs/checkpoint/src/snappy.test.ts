import { describe, expect, it } from 'vitest';
import { SnappyError, snappyDecompress } from './snappy';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (u: Uint8Array) => new TextDecoder().decode(u);

describe('snappy', () => {
  it('snappy - decodes a literal', () => {
    // length 5, literal tag (len-1)<<2 = 16
    expect(text(snappyDecompress(bytes(5, 16, 104, 101, 108, 108, 111)))).toBe('hello');
  });

  it('snappy - decodes a 1-byte-offset copy that overlaps its output', () => {
    // "ab" literal then copy len 8 offset 2 -> "ababababab"
    const copy1 = ((8 - 4) << 2) | 1;
    expect(text(snappyDecompress(bytes(10, 4, 97, 98, copy1, 2)))).toBe('ababababab');
  });

  it('snappy - decodes 2- and 4-byte-offset copies and a long literal', () => {
    const lit = new Uint8Array(70).map((_, i) => 65 + (i % 26));
    const stream = [70 + 3 + 3, ...[60 << 2, 69], ...lit, ((3 - 1) << 2) | 2, 70, 0, ((3 - 1) << 2) | 3, 3, 0, 0, 0];
    // header 76 needs one byte; literal with one extra length byte (len-1 = 69)
    const out = snappyDecompress(new Uint8Array(stream));
    expect(out.length).toBe(76);
    expect(text(out.subarray(70, 73))).toBe('ABC');
    expect(text(out.subarray(73))).toBe('ABC');
  });

  it('snappy - rejects bad offsets, overruns and absurd lengths', () => {
    expect(() => snappyDecompress(bytes(4, 1 | (0 << 2), 0))).toThrow(SnappyError); // offset 0
    expect(() => snappyDecompress(bytes(3, 8, 97))).toThrow(SnappyError); // literal past end
    expect(() => snappyDecompress(bytes(9, 0, 97))).toThrow(SnappyError); // short output
    expect(() => snappyDecompress(bytes(0xff, 0xff, 0xff, 0xff, 0x0f, 0))).toThrow(/more than snappy can expand/);
    expect(() => snappyDecompress(bytes())).toThrow(SnappyError);
  });

  it('snappy - never hangs or crashes on random input', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 2000; n++) {
      const input = new Uint8Array(1 + (n % 64)).map(rand);
      try {
        snappyDecompress(input);
      } catch (err) {
        expect(err).toBeInstanceOf(SnappyError);
      }
    }
  });
});
