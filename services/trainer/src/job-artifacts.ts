// A job's artifacts when services share no volume (--artifact-store nats): the dataset is fetched into this
// trainer's root before training, and each saved checkpoint is published before checkpoint.saved says so.
import { checkpointFilesOf } from '@finetune/checkpoint';
import { artifactName, fetchArtifact, type ArtifactStore, type ArtifactTransfer } from '@finetune/store';

export interface JobArtifacts {
  fetchDataset(datasetDir: string): Promise<void>;
  publishCheckpoint(prefix: string): Promise<void>;
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
  };
}
