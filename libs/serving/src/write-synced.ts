// Writes one file of a version being built and flushes it, so the folder's later rename publishes whole files.
import { open } from 'node:fs/promises';

/** Creates `file` (failing if it exists) with `data` (or its chunks, in order, e.g. a large model.onnx), fsynced. */
export async function writeSynced(file: string, data: string | Uint8Array | Iterable<Uint8Array>): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else {
      for (const chunk of data) {
        for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}
