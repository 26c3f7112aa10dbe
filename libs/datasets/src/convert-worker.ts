// Worker thread entry: validates its images with sharp and writes its shards, like one thread of build_image_data.py.
// A worker stays alive between conversions (see run-workers.ts): each message is one conversion's share.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { TFRecordWriter, encodeExample, imageExample } from '@finetune/tfrecord';
import { ImageProbeFailure, probeImage } from './image-probe';
import { fileSha256 } from './manifest';
import type { ShardJob, ShardResult, WorkerCommand, WorkerInput, WorkerMessage } from './worker-protocol';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

/** Set by a 'stop' command; checked between images so a stop takes at most one image's time. */
let stopRequested = false;

/** Writes one shard; returns false if it ended early (invalid image or stop, already reported). */
async function writeShard(job: ShardJob, skipInvalid: boolean): Promise<boolean> {
  const writer = await TFRecordWriter.open(job.path);
  try {
    for (const item of job.items) {
      if (stopRequested) {
        await writer.abort();
        post({ type: 'stopped' });
        return false;
      }
      let bytes = Buffer.alloc(0);
      let info: Awaited<ReturnType<typeof probeImage>>;
      try {
        bytes = await readFile(item.path);
        info = bytes.length > 0 ? await probeImage(bytes) : new ImageProbeFailure('the file is empty');
      } catch (err) {
        // Gone since the scan, a symlink to a folder, unreadable: a bad input file like a corrupt one.
        info = new ImageProbeFailure(`cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      if (info instanceof ImageProbeFailure) {
        const image = { path: item.path, reason: info.reason };
        if (!skipInvalid) {
          post({ type: 'invalid-image', image });
          await writer.abort();
          return false;
        }
        post({ type: 'skipped', split: job.split, image });
        continue;
      }
      const example = imageExample({
        encoded: bytes,
        format: info.format,
        label: item.label,
        text: item.className,
        height: info.height,
        width: info.width,
        filename: item.filename,
      });
      await writer.write(encodeExample(example));
      post({ type: 'image', split: job.split });
    }
    await writer.close();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  const result: ShardResult = {
    split: job.split,
    shard: job.shard,
    file: job.file,
    records: writer.records,
    bytes: writer.bytes,
    sha256: await fileSha256(job.path),
  };
  post({ type: 'shard', result });
  return true;
}

async function run(input: WorkerInput): Promise<void> {
  stopRequested = false;
  try {
    for (const job of input.jobs) {
      if (!(await writeShard(job, input.skipInvalid))) return;
    }
    post(stopRequested ? { type: 'stopped' } : { type: 'done' });
  } catch (err) {
    post({ type: 'failed', message: (err as Error)?.message ?? String(err), stack: (err as Error)?.stack });
  }
}

parentPort?.on('message', (command: WorkerCommand) => {
  if (command.type === 'stop') stopRequested = true;
  else void run(command.input);
});
