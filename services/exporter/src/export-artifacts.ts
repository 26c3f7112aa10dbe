// Without a shared volume (--artifact-store nats) the checkpoint and dataset an export reads (and, to pick
// the best checkpoint, the evaluators' results) are fetched from the object store into this service's own
// root first, and the version it wrote is published
// there for the inference replicas; on the volume everything is already where it must be.
import { defaultSaveCheckpointOptions } from '@finetune/checkpoint';
import path from 'node:path';
import { EVAL_DIR_NAME } from '@finetune/engine';
import { evaluatedRecords, MODEL_METADATA_FILE, rankByAccuracy, type CheckpointSelection } from '@finetune/serving';
import { artifactName, fetchArtifact, publishFolder, type ArtifactStore, type ArtifactTransfer } from '@finetune/store';

export async function fetchExportInputs(
  transfer: ArtifactTransfer,
  dataRoot: ArtifactStore,
  inputs: { trainDir: string; selection: CheckpointSelection; datasetDir?: string },
): Promise<void> {
  if (transfer.kind === 'volume') return;
  if (inputs.datasetDir) await fetchArtifact(transfer, dataRoot, inputs.datasetDir);
  // Checkpoints are published as `<train dir>/model.ckpt-<step>`, as the trainer names them.
  const stem = `${artifactName(dataRoot, inputs.trainDir)}/${defaultSaveCheckpointOptions().basename}-`;
  const { selection } = inputs;
  if (selection.kind === 'step') {
    await transfer.fetch(`${stem}${selection.step}`);
  } else if (selection.kind === 'newest') {
    const steps = (await transfer.list(stem)).map((name) => Number(name.slice(stem.length))).filter(Number.isSafeInteger);
    if (steps.length > 0) await transfer.fetch(`${stem}${Math.max(...steps)}`);
  } else {
    // The evaluators publish each result: fetch them all, then the best checkpoint still published.
    for (const record of await transfer.list(`${artifactName(dataRoot, path.join(inputs.trainDir, EVAL_DIR_NAME))}/`)) await transfer.fetch(record);
    for (const evaluation of rankByAccuracy(await evaluatedRecords(inputs.trainDir))) {
      if (await transfer.fetch(`${stem}${evaluation.step}`)) break;
    }
  }
  // Nothing published under these names: the export then fails naming the train dir or dataset dir, as locally.
}

/** Publishes an exported version folder, its metadata file last (it marks the version complete), before model.exported announces it. */
export async function publishExportedModel(transfer: ArtifactTransfer, store: ArtifactStore, versionDir: string): Promise<void> {
  await publishFolder(transfer, store, versionDir, MODEL_METADATA_FILE);
}
