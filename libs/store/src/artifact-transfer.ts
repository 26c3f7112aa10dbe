// How finished artifacts (a dataset, a checkpoint, a model version) reach the machines that read them.
// On one shared volume there is nothing to move; without one, each service keeps a local root and
// publishes what it wrote to a shared object store, and fetches what it reads into its own root.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactStore } from './artifact-store';

export interface ArtifactTransfer {
  /** 'volume': every service sees the same root, nothing is copied; 'nats': through NATS JetStream's object store. */
  readonly kind: 'volume' | 'nats';
  /**
   * Shares finished files under the root. `artifact` names the set, relative to the root
   * (`datasets/flowers`, `train/job-1/model.ckpt-100`, `models/flowers/3`); `files` are paths under the
   * root. A fetch writes them in this order: list the file that marks the artifact complete last.
   * Publishing a name again replaces it.
   */
  publish(artifact: string, files: readonly string[]): Promise<void>;
  /** Makes the artifact present in the local root (downloading what is missing); false when nothing was published under that name. */
  fetch(artifact: string): Promise<boolean>;
  /** Names of published artifacts that start with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** The artifact name of a path under the root: relative, with forward slashes. */
export function artifactName(store: ArtifactStore, absolutePath: string): string {
  return path.relative(store.root, store.resolve('artifact', absolutePath)).split(path.sep).join('/');
}

/** Every file under `dir`, sorted, skipping temporary files of writes still in progress. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile() && !/\.tmp-\d+-[0-9a-f]+$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** The shared volume: what one service wrote, every other already sees. */
export function volumeTransfer(): ArtifactTransfer {
  return {
    kind: 'volume',
    publish: async () => undefined,
    fetch: async () => true,
    list: async () => [],
  };
}

/** Publishes every file under `dir` as the artifact named by its path, the file named `marker` last (its presence marks the folder complete). */
export async function publishFolder(transfer: ArtifactTransfer, store: ArtifactStore, dir: string, marker: string): Promise<void> {
  if (transfer.kind === 'volume') return;
  const files = await filesUnder(dir);
  const isMarker = (f: string) => path.basename(f) === marker;
  await transfer.publish(artifactName(store, dir), [...files.filter((f) => !isMarker(f)), ...files.filter(isMarker)]);
}

/** Fetches the artifact at `absolutePath` into the local root; on the volume it is already there. */
export async function fetchArtifact(transfer: ArtifactTransfer, store: ArtifactStore, absolutePath: string): Promise<boolean> {
  return transfer.kind === 'volume' ? true : transfer.fetch(artifactName(store, absolutePath));
}
