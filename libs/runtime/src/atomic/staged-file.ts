// A file written under its temporary name and published whole by one rename: readers see the old file or the new one.
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncFolder } from './sync-folder';
import { tempPathFor } from './temp-names';

/** What a staged write takes: text, bytes, or chunks in order (a large model or checkpoint shard). */
export type FileData = string | Uint8Array | Iterable<Uint8Array>;

/** Writes all of `data` at the handle's position; a short write is continued, never dropped. */
export async function writeAll(handle: FileHandle, data: FileData): Promise<void> {
  const chunks = typeof data === 'string' ? [new TextEncoder().encode(data)] : data instanceof Uint8Array ? [data] : data;
  for (const chunk of chunks) {
    for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
  }
}

/**
 * A write of `target` in progress. Bytes go to `temp` (through `handle`, or write()); seal() flushes and
 * closes it; publish() renames it over `target` and fsyncs the folder. Until then `target` is untouched.
 */
export class StagedFile {
  private sealed = false;

  private constructor(
    readonly target: string,
    readonly temp: string,
    readonly handle: FileHandle,
  ) {}

  /** Creates the temporary file (never an existing one) beside `target`. */
  static async open(target: string): Promise<StagedFile> {
    const temp = tempPathFor(target);
    return new StagedFile(target, temp, await open(temp, 'wx'));
  }

  write(data: FileData): Promise<void> {
    return writeAll(this.handle, data);
  }

  /** fsyncs and closes the temporary file, so its rename publishes bytes that are on disk. */
  async seal(): Promise<void> {
    if (this.sealed) return;
    this.sealed = true;
    try {
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /**
   * Seals, renames onto `target` and, unless `syncFolder` is false (a caller publishing several files
   * fsyncs their folder once), fsyncs the folder. On failure the temporary file is removed.
   */
  async publish(options: { syncFolder?: boolean } = {}): Promise<void> {
    try {
      await this.seal();
      await rename(this.temp, this.target);
    } catch (err) {
      await this.discard();
      throw err;
    }
    if (options.syncFolder !== false) await syncFolder(dirname(this.target));
  }

  /** Closes and removes the temporary file; `target` stays as it was. Safe to call twice. */
  async discard(): Promise<void> {
    if (!this.sealed) {
      this.sealed = true;
      await this.handle.close().catch(() => undefined);
    }
    await rm(this.temp, { force: true });
  }
}

/** Replaces `target` whole with `data`: a crash at any point leaves the old file or the complete new one. */
export async function writeFileAtomic(target: string, data: FileData): Promise<void> {
  const staged = await StagedFile.open(target);
  try {
    await staged.write(data);
  } catch (err) {
    await staged.discard();
    throw err;
  }
  await staged.publish();
}

/**
 * Creates `file` (failing if it exists) with `data`, fsynced, and no rename: for the files of a staged
 * folder, which its own rename publishes.
 */
export async function writeFileSynced(file: string, data: FileData): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await writeAll(handle, data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
