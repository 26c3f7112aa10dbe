// Without a shared volume (--artifact-store nats) each replica copies the model versions it serves from
// the object store into its own repository before loading them; on the volume they are already there.
import { versionDir } from '@finetune/serving';
import { artifactName, type ArtifactStore, type ArtifactTransfer } from '@finetune/store';

export interface ModelPull {
  /** Copies one version into the local repository (a no-op on the volume). */
  fetch(name: string, version: number): Promise<void>;
  /** Copies the version each served name would load (the newest, or the pinned one), so the next sync finds it. */
  pullServed(): Promise<void>;
}

export function modelPull(transfer: ArtifactTransfer, store: ArtifactStore, served: { modelName: string; pinnedVersion: number }): ModelPull {
  const repository = store.modelRepository();
  const artifact = (name: string, version: number) => artifactName(store, versionDir(repository, name, version));
  return {
    async fetch(name, version) {
      if (transfer.kind !== 'volume') await transfer.fetch(artifact(name, version));
    },
    async pullServed() {
      if (transfer.kind === 'volume') return;
      const stem = `${artifactName(store, repository)}/`;
      const versions = new Map<string, number[]>();
      for (const published of await transfer.list(stem)) {
        const [name, version] = published.slice(stem.length).split('/');
        if (!name || !/^[1-9]\d*$/.test(version ?? '') || (served.modelName && name !== served.modelName)) continue;
        versions.set(name, [...(versions.get(name) ?? []), Number(version)]);
      }
      for (const [name, list] of versions) {
        const target = served.pinnedVersion || Math.max(...list);
        if (list.includes(target)) await transfer.fetch(artifact(name, target));
      }
    },
  };
}
