// TFRecord framing: uint64 LE length, masked CRC-32C of those 8 bytes, data, masked CRC-32C of the data.
import { crc32c, maskCrc } from './crc32c';

/** Bytes before a record's data: 8 of length and 4 of its masked CRC. */
export const RECORD_HEADER_BYTES = 12;
/** Bytes after a record's data: its masked CRC. */
export const RECORD_FOOTER_BYTES = 4;

/** The 12-byte header of a record holding `length` bytes. */
export function recordHeader(length: number): Uint8Array {
  const header = new Uint8Array(RECORD_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setBigUint64(0, BigInt(length), true);
  view.setUint32(8, maskCrc(crc32c(header.subarray(0, 8))), true);
  return header;
}

/** The 4-byte footer of a record holding `data`. */
export function recordFooter(data: Uint8Array): Uint8Array {
  const footer = new Uint8Array(RECORD_FOOTER_BYTES);
  new DataView(footer.buffer).setUint32(0, maskCrc(crc32c(data)), true);
  return footer;
}

/** Whether 12 bytes are a well-formed record header (its length CRC matches). */
export function isRecordHeader(bytes: Uint8Array): boolean {
  if (bytes.length < RECORD_HEADER_BYTES) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, RECORD_HEADER_BYTES);
  return view.getUint32(8, true) === maskCrc(crc32c(bytes.subarray(0, 8)));
}

/** One whole framed record, for tests and small in-memory uses. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_BYTES + data.length + RECORD_FOOTER_BYTES);
  out.set(recordHeader(data.length), 0);
  out.set(data, RECORD_HEADER_BYTES);
  out.set(recordFooter(data), RECORD_HEADER_BYTES + data.length);
  return out;
}
