// DT_STRING tensors in a bundle data shard: varint64 lengths, a masked crc32c of the lengths, then the bytes.
import { FinetuneError } from '@finetune/runtime/finetune-error';
import { crc32c, maskCrc } from '@finetune/tfrecord';
import { ProtoDecodeError, ProtoReader } from './proto-wire';
import { writeVarint64 } from './sstable-format';

/** A string tensor whose lengths or checksum do not hold; the bundle reader reports it as a corrupt checkpoint. */
export class StringTensorError extends FinetuneError {
  constructor(message: string) {
    super('internal', message);
  }
}

/**
 * The entry's crc32c covers each length as a little-endian uint32 (uint64 above 4 GiB; TF keeps the
 * uint32 form for backwards compatibility), then the 4 stored checksum bytes, then the string bytes.
 */
function extendWithLength(crc: number, len: number): number {
  const b = new Uint8Array(len > 0xffffffff ? 8 : 4);
  const view = new DataView(b.buffer);
  if (b.length === 4) view.setUint32(0, len, true);
  else view.setBigUint64(0, BigInt(len), true);
  return crc32c(b, crc);
}

export function decodeStringTensor(bytes: Uint8Array, count: number): { values: Uint8Array[]; crc: number } {
  // Each length takes at least one byte, so a bogus element count cannot allocate past the data size.
  if (count > bytes.length) throw new StringTensorError(`${count} strings cannot fit in ${bytes.length} bytes`);
  const r = new ProtoReader(bytes);
  const lengths: number[] = [];
  let crc = 0;
  try {
    for (let i = 0; i < count; i++) {
      const len = r.varint();
      lengths.push(len);
      crc = extendWithLength(crc, len);
    }
    const storedLengthsCrc = r.fixed32();
    if (storedLengthsCrc !== maskCrc(crc)) throw new StringTensorError('the checksum of the string lengths does not match');
    crc = crc32c(bytes.subarray(r.pos - 4, r.pos), crc);
  } catch (err) {
    if (err instanceof ProtoDecodeError) throw new StringTensorError(`string lengths: ${err.message}`);
    throw err;
  }
  const values: Uint8Array[] = [];
  let p = r.pos;
  for (const len of lengths) {
    if (len > bytes.length - p) throw new StringTensorError(`string of ${len} bytes runs past the ${bytes.length}-byte tensor`);
    values.push(bytes.subarray(p, p + len));
    p += len;
  }
  if (p !== bytes.length) throw new StringTensorError(`${bytes.length - p} bytes left after the last string`);
  crc = crc32c(bytes.subarray(r.pos), crc);
  return { values, crc };
}

export function encodeStringTensor(values: readonly Uint8Array[]): { bytes: Uint8Array; crc: number } {
  const head: number[] = [];
  let crc = 0;
  for (const v of values) {
    writeVarint64(head, v.length);
    crc = extendWithLength(crc, v.length);
  }
  const lengthsCrc = new Uint8Array(4);
  new DataView(lengthsCrc.buffer).setUint32(0, maskCrc(crc), true);
  crc = crc32c(lengthsCrc, crc);
  const total = head.length + 4 + values.reduce((a, v) => a + v.length, 0);
  const bytes = new Uint8Array(total);
  bytes.set(head);
  bytes.set(lengthsCrc, head.length);
  let p = head.length + 4;
  for (const v of values) {
    bytes.set(v, p);
    p += v.length;
  }
  crc = crc32c(bytes.subarray(head.length + 4), crc);
  return { bytes, crc };
}
