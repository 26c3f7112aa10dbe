// Opens any checkpoint path a user may type: a V2 prefix or file, a V1 file or shard set, or a train directory.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BundleReader } from './bundle-reader';
import type { CheckpointReader } from './checkpoint-reader';
import { readCheckpointState, resolveStatePath } from './checkpoint-state';
import { scanCheckpoints } from './checkpoint-files';
import { NotACheckpointError } from './errors';
import { V1Reader } from './v1-reader';

async function statOrUndefined(path: string) {
  return stat(path).catch(() => undefined);
}

/**
 * The newest checkpoint prefix of a directory: its `checkpoint` state file's model_checkpoint_path
 * (as tf.train.latest_checkpoint), or else the newest complete `.index` in it.
 */
export async function resolveCheckpointDir(dir: string): Promise<string> {
  const state = await readCheckpointState(dir);
  if (state?.modelCheckpointPath) return resolveStatePath(dir, state.modelCheckpointPath);
  const found = await scanCheckpoints(dir);
  if (found.length) return found[found.length - 1].prefix;
  throw new NotACheckpointError(dir, 'a directory with no `checkpoint` state file and no complete *.index checkpoint');
}

/** V1 shard files `<path>-00000-of-0000N`, all N of them, or undefined. */
async function v1Shards(path: string): Promise<string[] | undefined> {
  const base = basename(path);
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  const shards = names.filter((n) => n.startsWith(`${base}-`) && /-\d{5}-of-\d{5}$/.test(n)).sort();
  if (!shards.length) return undefined;
  const of = Number(shards[0].slice(-5));
  if (shards.length !== of) throw new NotACheckpointError(path, `${shards.length} of ${of} V1 shard files present`);
  return shards.map((n) => join(dirname(path), n));
}

/** Opens a checkpoint, detecting V1 or V2; throws NotACheckpointError naming the path when it is neither. */
export async function openCheckpoint(path: string): Promise<CheckpointReader> {
  let target = path;
  const s = await statOrUndefined(target);
  if (s?.isDirectory()) target = await resolveCheckpointDir(target);
  if (target.endsWith('.index')) return BundleReader.open(target.slice(0, -'.index'.length));
  // Users often pass the MetaGraphDef (`.meta`) or our sidecar (`.meta.json`) beside a V2 checkpoint.
  const meta = /^(.*)\.meta(\.json)?$/.exec(target);
  if (meta && (await statOrUndefined(`${meta[1]}.index`))?.isFile()) return BundleReader.open(meta[1]);
  const dataShard = /^(.*)\.data-\d{5}-of-\d{5}$/.exec(target);
  if (dataShard) return BundleReader.open(dataShard[1]);
  if ((await statOrUndefined(`${target}.index`))?.isFile()) return BundleReader.open(target);
  if ((await statOrUndefined(target))?.isFile()) return V1Reader.open(target, [target]);
  const shards = await v1Shards(target);
  if (shards) return V1Reader.open(target, shards);
  throw new NotACheckpointError(target, target === path ? `no such file, and no ${basename(target)}.index` : `named by ${path}, but it has no .index`);
}
