// Append-only binary file of cached features: records are raw float32 bytes, found by an in-memory index.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface SpillRecord {
  offset: number;
  byteLength: number;
}

/**
 * Created on first use in a private temp directory and deleted by close(). It is a cache of values that can
 * always be recomputed, so it needs neither atomic writes nor fsync: it never outlives the process.
 * Sync I/O: records are a few KiB (a head's input), read between steps on the training loop.
 */
export class FeatureSpillFile {
  private fd: number | null = null;
  private directory: string | null = null;
  private end = 0;

  constructor(private readonly parentDirectory: string) {}

  get bytes(): number {
    return this.end;
  }

  get path(): string | null {
    return this.directory ? join(this.directory, 'features.bin') : null;
  }

  append(bytes: Uint8Array): SpillRecord {
    if (this.fd === null) {
      this.directory = mkdtempSync(join(this.parentDirectory, 'finetune-features-'));
      this.fd = openSync(join(this.directory, 'features.bin'), 'w+');
    }
    let written = 0;
    while (written < bytes.byteLength) {
      written += writeSync(this.fd, bytes, written, bytes.byteLength - written, this.end + written);
    }
    const record = { offset: this.end, byteLength: bytes.byteLength };
    this.end += bytes.byteLength;
    return record;
  }

  read(record: SpillRecord): Uint8Array {
    if (this.fd === null) throw new Error('internal: feature spill file read before any write');
    const out = new Uint8Array(record.byteLength);
    let done = 0;
    while (done < record.byteLength) {
      const n = readSync(this.fd, out, done, record.byteLength - done, record.offset + done);
      if (n === 0) throw new Error(`feature spill file ${this.path} ends at ${record.offset + done}, record is longer`);
      done += n;
    }
    return out;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
    this.fd = null;
    this.directory = null;
    this.end = 0;
  }
}
