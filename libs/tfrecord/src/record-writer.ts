// Streaming TFRecord writer: appends framed records to a temporary file and publishes it atomically on close().
import { type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { removeAbandonedTemps, StagedFile } from '@finetune/runtime/atomic-write';
import { type Compression, TF_GZIP_OPTIONS } from './compression';
import { TFRecordWriterStateError } from './errors';
import { recordFooter, recordHeader } from './record-framing';

/** Records are gathered up to this many bytes before one write; TF's writer buffers 256 KiB too. */
const BATCH_BYTES = 256 << 10;

export interface TFRecordWriterOptions {
  /** @default 'none' */
  compression?: Compression;
}

type State = 'open' | 'closing' | 'closed' | 'aborted' | 'failed';

/**
 * Writes records to a staged file beside the final path (`.<name>.tmp-<host>-<pid>-<random>`); close()
 * flushes, fsyncs and renames it to the final path (replacing any file there), so readers never see a
 * half-written file under the final name. abort() removes it. Calls may overlap; batches still reach the
 * file in call order.
 */
export class TFRecordWriter {
  private state: State = 'open';
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private gzip: Gzip | undefined;
  private gzipDone: Promise<void> | undefined;
  private failure: unknown;
  /** Batch writes chained in order, so un-awaited write() calls cannot interleave their bytes. */
  private writing: Promise<void> = Promise.resolve();
  /** Records written so far. */
  records = 0;
  /** Uncompressed bytes written so far (framing included). */
  bytes = 0;

  private constructor(
    /** The final path, where the file appears on close(). */
    readonly path: string,
    /** Where the bytes go until then. */
    private readonly staged: StagedFile,
    readonly compression: Compression,
  ) {
    if (compression === 'gzip') {
      this.gzip = createGzip(TF_GZIP_OPTIONS);
      this.gzipDone = this.pumpGzip(this.gzip);
      this.gzipDone.catch(() => undefined);
    }
  }

  /** Creates the temporary file; the final path is untouched until close(). */
  static async open(path: string, options: TFRecordWriterOptions = {}): Promise<TFRecordWriter> {
    await removeAbandonedTemps(dirname(path));
    return new TFRecordWriter(path, await StagedFile.open(path), options.compression ?? 'none');
  }

  /** The temporary file the records go to until close(). */
  get tempPath(): string {
    return this.staged.temp;
  }

  private get handle(): FileHandle {
    return this.staged.handle;
  }

  private async pumpGzip(gzip: Gzip): Promise<void> {
    for await (const chunk of gzip as AsyncIterable<Buffer>) await this.handle.write(chunk);
  }

  private check(): void {
    if (this.state !== 'open') throw new TFRecordWriterStateError(this.path, this.state);
  }

  /** Appends one record. Await it: a full batch is written before it resolves (backpressure). */
  async write(data: Uint8Array): Promise<void> {
    this.check();
    this.batch.push(recordHeader(data.length), data, recordFooter(data));
    this.batchBytes += data.length + 16;
    this.records++;
    this.bytes += data.length + 16;
    if (this.batchBytes >= BATCH_BYTES) await this.flushBatch();
  }

  private flushBatch(): Promise<void> {
    if (this.batchBytes > 0) {
      const chunk = Buffer.concat(this.batch, this.batchBytes);
      this.batch = [];
      this.batchBytes = 0;
      this.writing = this.writing.then(() => this.writeChunk(chunk));
    }
    return this.writing;
  }

  private async writeChunk(chunk: Buffer): Promise<void> {
    try {
      if (this.gzip) {
        if (!this.gzip.write(chunk)) await Promise.race([once(this.gzip, 'drain'), this.gzipDone]);
      } else {
        await this.handle.write(chunk);
      }
    } catch (err) {
      this.state = 'failed';
      this.failure = err;
      throw err;
    }
  }

  /** Flushes, fsyncs, closes and renames to the final path. On any failure the temporary file is removed. */
  async close(): Promise<void> {
    this.check();
    this.state = 'closing';
    try {
      await this.flushBatch();
      if (this.gzip) {
        this.gzip.end();
        await this.gzipDone;
      }
      await this.staged.publish();
      this.state = 'closed';
    } catch (err) {
      this.state = 'failed';
      this.failure = err;
      await this.discard();
      throw err;
    }
  }

  /** Stops writing and removes the temporary file; the final path is left as it was. Safe to call twice. */
  async abort(): Promise<void> {
    if (this.state === 'closed' || this.state === 'aborted') return;
    this.state = 'aborted';
    await this.discard();
  }

  private async discard(): Promise<void> {
    this.gzip?.destroy();
    await this.gzipDone?.catch(() => undefined);
    await this.staged.discard();
  }

  /** The error that put the writer in the failed state, if any. */
  get error(): unknown {
    return this.failure;
  }
}

/** Writes all `records` to `path` atomically. */
export async function writeRecords(
  path: string,
  records: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  options?: TFRecordWriterOptions,
): Promise<void> {
  const writer = await TFRecordWriter.open(path, options);
  try {
    for await (const r of records) await writer.write(r);
  } catch (err) {
    await writer.abort();
    throw err;
  }
  await writer.close();
}
