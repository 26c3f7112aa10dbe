// Decodes one table block: prefix-compressed entries followed by a restart-point array.
import { CorruptCheckpointError } from './errors';
import { ProtoDecodeError, ProtoReader } from './proto-wire';

export interface TableEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** Where a block came from, for error messages. */
export interface BlockOrigin {
  file: string;
  offset: number;
}

/** Yields every entry of an uncompressed block in order, checking each length against the block. */
export function* blockEntries(block: Uint8Array, origin: BlockOrigin): Generator<TableEntry> {
  const fail = (detail: string, cause?: unknown): never => {
    throw new CorruptCheckpointError(origin.file, undefined, `table block at offset ${origin.offset}: ${detail}`, { cause });
  };
  if (block.length < 4) fail(`${block.length} bytes is too short for a block`);
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const numRestarts = view.getUint32(block.length - 4, true);
  const maxRestarts = Math.floor((block.length - 4) / 4);
  if (numRestarts > maxRestarts) fail(`${numRestarts} restart points do not fit in ${block.length} bytes`);
  const limit = block.length - 4 - numRestarts * 4;
  const reader = new ProtoReader(block, 0, limit);
  let lastKey: Uint8Array = new Uint8Array(0);
  while (!reader.done()) {
    const at = reader.pos;
    let shared: number;
    let nonShared: number;
    let valueLength: number;
    try {
      shared = reader.varint();
      nonShared = reader.varint();
      valueLength = reader.varint();
    } catch (err) {
      if (err instanceof ProtoDecodeError) return fail(`entry at ${at}: ${err.message}`, err);
      throw err;
    }
    if (shared > lastKey.length) fail(`entry at ${at} shares ${shared} bytes of a ${lastKey.length}-byte key`);
    if (nonShared + valueLength > limit - reader.pos) fail(`entry at ${at} runs past the restart array`);
    const key = new Uint8Array(shared + nonShared);
    key.set(lastKey.subarray(0, shared));
    key.set(block.subarray(reader.pos, reader.pos + nonShared), shared);
    reader.pos += nonShared;
    const value = block.subarray(reader.pos, reader.pos + valueLength);
    reader.pos += valueLength;
    lastKey = key;
    yield { key, value };
  }
}
