// Example and SequenceExample codec: round trips, TF's wire choices, unpacked input, bad bytes.
import { describe, expect, it } from 'vitest';
import { ExampleDecodeError } from './errors';
import { decodeExample, encodeExample } from './example-codec';
import { bytesFeature, createExample, emptyFeature, floatFeature, int64Feature } from './feature';
import { decodeSequenceExample, encodeSequenceExample } from './sequence-example-codec';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('example codec', () => {
  it('tfrecord - encodes as TensorFlow does: map entries with key then value, lists packed', () => {
    // Bytes as tf.train.Example(features=Features(feature={'a': Feature(int64_list=Int64List(value=[1, 300]))}))
    // .SerializeToString() gives them.
    const bytes = encodeExample(createExample({ a: int64Feature([1, 300]) }));
    expect(hex(bytes)).toBe('0a0e0a0c0a016112071a050a0301ac02');
    expect(hex(encodeExample(createExample({})))).toBe('0a00');
    expect(hex(encodeExample(createExample({ e: emptyFeature() })))).toBe('0a070a050a0165' + '1200');
    expect(hex(encodeExample(createExample({ f: floatFeature([]) })))).toBe('0a090a070a0166' + '12021200');
  });

  it('tfrecord - round-trips every kind, negative and 64-bit ints, NaN bits and empty lists', () => {
    const nanBits = new Float32Array(new Uint32Array([0x7fa00001]).buffer); // a signalling NaN with a payload
    const example = createExample({
      text: bytesFeature(['héllo', new Uint8Array([0, 255]), '']),
      floats: { kind: 'floatList', value: Float32Array.of(1.5, -0, Infinity, nanBits[0]) },
      nan: { kind: 'floatList', value: nanBits },
      ints: int64Feature([0, -1, 2n ** 63n - 1n, -(2n ** 63n), 127, 128, 2 ** 40]),
      none: int64Feature([]),
      nothing: emptyFeature(),
    });
    const bytes = encodeExample(example);
    const back = decodeExample(bytes);
    expect([...back.features.keys()]).toEqual([...example.features.keys()]);
    expect(hex(encodeExample(back))).toBe(hex(bytes));
    const ints = back.features.get('ints');
    expect(ints?.kind === 'int64List' && ints.value).toEqual([0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 127n, 128n, 2n ** 40n]);
    const nan = back.features.get('nan');
    expect(nan?.kind === 'floatList' && new Uint32Array(nan.value.buffer, nan.value.byteOffset, 1)[0]).toBe(0x7fa00001);
    expect(back.features.get('nothing')).toEqual({ kind: 'empty' });
  });

  it('tfrecord - deterministic encoding sorts keys by UTF-8 bytes', () => {
    const a = encodeExample(createExample({ b: int64Feature(1), a: int64Feature(2) }), { deterministic: true });
    expect([...decodeExample(a).features.keys()]).toEqual(['a', 'b']);
  });

  it('tfrecord - reads unpacked int64 and float lists and skips unknown fields', () => {
    // Feature{int64_list{value:5 value:6}} and Feature{float_list{value:1.0 (fixed32)}}, plus unknown field 9 varint.
    const intFeature = [0x1a, 0x04, 0x08, 0x05, 0x08, 0x06];
    const floatFeat = [0x12, 0x05, 0x0d, 0x00, 0x00, 0x80, 0x3f];
    const entry = (key: string, value: number[]) => [0x0a, 2 + key.length + 2 + value.length, 0x0a, key.length, ...Buffer.from(key), 0x12, value.length, ...value];
    const features = [...entry('i', intFeature), ...entry('f', floatFeat)];
    const example = Uint8Array.from([0x48, 0x01, 0x0a, features.length, ...features]);
    const back = decodeExample(example);
    expect(back.features.get('i')).toEqual({ kind: 'int64List', value: [5n, 6n] });
    expect(back.features.get('f')).toEqual({ kind: 'floatList', value: Float32Array.of(1) });
  });

  it('tfrecord - names the message and offset of bad bytes', () => {
    const good = encodeExample(createExample({ key: bytesFeature('value') }));
    expect(() => decodeExample(good.subarray(0, good.length - 2))).toThrow(ExampleDecodeError);
    expect(() => decodeExample(good.subarray(0, good.length - 2))).toThrow(/tf\.train\.Example: length \d+ runs past the end .* at byte 1 /);
    expect(() => decodeExample(Uint8Array.of(0x0a, 0x02, 0x0a, 0x80))).toThrow(/truncated varint at byte 3/);
    expect(() => decodeExample(Uint8Array.of(0x0b))).toThrow(/unsupported wire type 3/);
    const badKey = Uint8Array.of(0x0a, 0x05, 0x0a, 0x03, 0x0a, 0x01, 0xff);
    expect(() => decodeExample(badKey)).toThrow(/map key is not valid UTF-8 at byte 6/);
  });

  it('tfrecord - SequenceExample round-trips context and feature lists', () => {
    const seq = {
      context: new Map([['len', int64Feature(2)]]),
      featureLists: new Map([
        ['tokens', [bytesFeature(['a', 'b']), bytesFeature([])]],
        ['scores', [floatFeature([0.5]), emptyFeature()]],
      ]),
    };
    const bytes = encodeSequenceExample(seq);
    const back = decodeSequenceExample(bytes);
    expect(back.featureLists.get('tokens')?.length).toBe(2);
    expect(back.featureLists.get('scores')?.[1]).toEqual({ kind: 'empty' });
    expect(hex(encodeSequenceExample(back))).toBe(hex(bytes));
  });

  it('tfrecord - int64Feature rejects unsafe numbers', () => {
    expect(() => int64Feature(2 ** 60)).toThrow(RangeError);
    expect(() => int64Feature(1.5)).toThrow(/not a safe integer/);
  });
});
