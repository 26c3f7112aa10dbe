// A job's artifacts when services share no volume (--artifact-store nats): the dataset is fetched into this
// trainer's root before training, each saved checkpoint is published before checkpoint.saved says so, and
// that event names its paths relative to the root, as every other service resolves them in its own.
import { checkpointFilesOf } from '@finetune/checkpoint';
import type { eventsV1 } from '@finetune/contracts';
import { artifactName, fetchArtifact, type ArtifactStore, type ArtifactTransfer } from '@finetune/store';

export interface JobArtifacts {
  fetchDataset(datasetDir: string): Promise<void>;
  publishCheckpoint(prefix: string): Promise<void>;
  /** The event as another machine must read it: root-relative paths without a shared volume, unchanged on one. */
  portable(event: eventsV1.CheckpointSaved): eventsV1.CheckpointSaved;
}

export function jobArtifacts(transfer: ArtifactTransfer, dataRoot: ArtifactStore): JobArtifacts {
  return {
    async fetchDataset(datasetDir) {
      // Nothing published under that name: training then fails naming the dataset dir, as on one machine.
      await fetchArtifact(transfer, dataRoot, datasetDir);
    },
    async publishCheckpoint(prefix) {
      if (transfer.kind === 'volume') return;
      await transfer.publish(artifactName(dataRoot, prefix), await checkpointFilesOf(prefix));
    },
    portable(event) {
      if (transfer.kind === 'volume') return event;
      const relative = (p: string | undefined) => (p ? artifactName(dataRoot, p) : p);
      const checkpoint = event.checkpoint && { ...event.checkpoint, path_prefix: relative(event.checkpoint.path_prefix) };
      return { ...event, train_dir: relative(event.train_dir), dataset_dir: relative(event.dataset_dir), checkpoint };
    },
  };
}
