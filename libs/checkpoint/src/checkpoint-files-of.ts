// The files one checkpoint consists of, in the order another machine must write them: the `.index` last,
// because its presence is what makes a checkpoint complete (as when the trainer saves it).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { TEMP_MARKER } from '@finetune/runtime/atomic-write';
import { indexPath } from './bundle-paths';

/** `<prefix>.data-*`, `<prefix>.meta.json` and any other sidecar, then `<prefix>.index`. */
export async function checkpointFilesOf(prefix: string): Promise<string[]> {
  const dir = path.dirname(prefix);
  const stem = `${path.basename(prefix)}.`;
  const files = (await readdir(dir)).filter((n) => n.startsWith(stem) && !n.includes(TEMP_MARKER)).map((n) => path.join(dir, n));
  const index = indexPath(prefix);
  return [...files.filter((f) => f !== index).sort(), ...files.filter((f) => f === index)];
}
