// Turns what a user passes as --checkpoint_path (a prefix, one of its files, a V1 file or a train dir)
// into one checkpoint prefix and its global step.
import { stat } from 'node:fs/promises';
import { indexPath, latestCheckpoint, readCheckpointMeta, type StoredCheckpointMeta } from '@finetune/checkpoint';
import { CheckpointNotFoundError } from './evaluation-errors';

export interface ResolvedCheckpoint {
  /** The V2 prefix (`train/model.ckpt-1000`) or the V1 file. */
  prefix: string;
  /** Global step: from the meta sidecar, else the `-<step>` suffix; undefined when neither says. */
  step: number | undefined;
  /** Its Finetune sidecar; undefined for checkpoints TensorFlow wrote. */
  meta: StoredCheckpointMeta | undefined;
}

const isFile = (p: string) => stat(p).then((s) => s.isFile(), () => false);
const isDirectory = (p: string) => stat(p).then((s) => s.isDirectory(), () => false);

/** Throws CheckpointNotFoundError when nothing is there, e.g. a checkpoint pruned by the keep-newest-5 rule. */
export async function resolveCheckpoint(path: string): Promise<ResolvedCheckpoint> {
  let prefix: string | undefined;
  if (await isDirectory(path)) {
    prefix = await latestCheckpoint(path);
    if (!prefix) throw new CheckpointNotFoundError(path, 'the directory holds no complete checkpoint');
  } else {
    // Users pass the prefix or any file of the bundle: `.index`, `.data-00000-of-00001`, `.meta`, `.meta.json`.
    const stem = path.replace(/\.(index|meta|meta\.json|data-\d{5}-of-\d{5})$/, '');
    if (await isFile(indexPath(stem))) prefix = stem;
    else if (await isFile(path)) prefix = path; // a V1 checkpoint is one file
    else throw new CheckpointNotFoundError(path, `neither ${indexPath(stem)} nor a checkpoint file exists (deleted by the keep-newest rule?)`);
  }
  const meta = await readCheckpointMeta(prefix);
  const suffix = /-(\d+)$/.exec(prefix);
  return { prefix, step: meta?.step ?? (suffix ? Number(suffix[1]) : undefined), meta };
}

/** Whether the checkpoint's files are still there; false once pruning removed its `.index`. */
export async function checkpointExists(prefix: string): Promise<boolean> {
  return (await isFile(indexPath(prefix))) || (await isFile(prefix));
}
