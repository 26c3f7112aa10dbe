// Writes one file of a version being built and flushes it, so the folder's later rename publishes whole files.
import { open } from 'node:fs/promises';

/** Creates `file` (failing if it exists) with `data`, fsynced. */
export async function writeSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
