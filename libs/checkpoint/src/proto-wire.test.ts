import { describe, expect, it } from 'vitest';
import { decodeBundleEntry, encodeBundleEntry } from './bundle-protos';
import { ProtoDecodeError, ProtoReader, ProtoWriter } from './proto-wire';

describe('proto wire', () => {
  it('proto wire - round-trips varints up to 64 bits and negative int32', () => {
    const w = new ProtoWriter().varint(0).varint(300).varint(2 ** 53 - 1).varint(-1).varint(18446744073709551615n);
    const r = new ProtoReader(w.finish());
    expect([r.varint(), r.varint(), r.varint(), r.int32(), r.varintBig()]).toEqual([0, 300, 2 ** 53 - 1, -1, 18446744073709551615n]);
    expect(r.done()).toBe(true);
  });

  it('proto wire - rejects overlong varints, short fields and field 0', () => {
    expect(() => new ProtoReader(new Uint8Array(11).fill(0xff)).varintBig()).toThrow(ProtoDecodeError);
    const short = new ProtoReader(new Uint8Array([0x0a, 5, 1]));
    expect(short.tag()).toEqual({ field: 1, wire: 2 });
    expect(() => short.bytes()).toThrow(/runs past the end/);
    expect(() => new ProtoReader(new Uint8Array([0x00])).tag()).toThrow(/field number 0/);
    expect(() => new ProtoReader(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])).varint()).toThrow(/exceeds 2\^53/);
  });

  it('proto wire - encodes a BundleEntryProto byte for byte as TensorFlow does', () => {
    // `Variable` of the lfads fixture: float32 [50,50], size 10000, masked crc 0xe5f5cd6a.
    const bytes = encodeBundleEntry({ dtype: 1, shape: [50, 50], shardId: 0, offset: 0, size: 10000, crc32c: 0xe5f5cd6a });
    expect(Buffer.from(bytes).toString('hex')).toBe('0801120812020832120208322890 4e356acdf5e5'.replace(/ /g, ''));
    expect(decodeBundleEntry(bytes)).toEqual({ dtype: 1, shape: [50, 50], shardId: 0, offset: 0, size: 10000, crc32c: 0xe5f5cd6a, slices: [] });
  });
});
