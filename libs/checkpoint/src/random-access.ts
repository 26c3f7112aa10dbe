// Positioned reads from a file or a buffer, so tables and data shards are read piecewise, never whole.
import { open, type FileHandle } from 'node:fs/promises';
import { TruncatedCheckpointError } from './errors';

export interface RandomAccess {
  /** Path (or label) used in error messages. */
  readonly name: string;
  readonly size: number;
  /** Exactly `length` bytes at `offset`; throws TruncatedCheckpointError past the end. */
  read(offset: number, length: number, what: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function openRandomAccess(path: string): Promise<RandomAccess> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return new FileRandomAccess(path, handle, size);
  } catch (err) {
    await handle.close();
    throw err;
  }
}

class FileRandomAccess implements RandomAccess {
  private closed = false;

  constructor(
    readonly name: string,
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  async read(offset: number, length: number, what: string): Promise<Uint8Array> {
    if (offset < 0 || length < 0 || offset + length > this.size) throw new TruncatedCheckpointError(this.name, offset, what);
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buf, done, length - done, offset + done);
      // The file shrank under us since stat(): report it the same way as a short file.
      if (bytesRead === 0) throw new TruncatedCheckpointError(this.name, offset + done, what);
      done += bytesRead;
    }
    return buf;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

export function bufferRandomAccess(name: string, bytes: Uint8Array): RandomAccess {
  return {
    name,
    size: bytes.length,
    async read(offset, length, what) {
      if (offset < 0 || length < 0 || offset + length > bytes.length) throw new TruncatedCheckpointError(name, offset, what);
      return bytes.subarray(offset, offset + length);
    },
    async close() {},
  };
}
