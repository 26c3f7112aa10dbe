// Without a shared volume (--artifact-store nats) an evaluation first fetches its dataset and checkpoint
// from the object store into this evaluator's root, and publishes the result it stored, which the
// exporter ranks for best-accuracy exports; on the volume the runner is used as it is.
import path from 'node:path';
import { defaultSaveCheckpointOptions } from '@finetune/checkpoint';
import { EVAL_DIR_NAME, evaluationRecordPath } from '@finetune/engine';
import { artifactName, fetchArtifact, type ArtifactStore, type ArtifactTransfer } from '@finetune/store';
import type { EvaluationRunner } from './evaluation-runner';

export function fetchingRunner(runner: EvaluationRunner, transfer: ArtifactTransfer, store: ArtifactStore): EvaluationRunner {
  if (transfer.kind === 'volume') return runner;
  return {
    async run(task) {
      await fetchArtifact(transfer, store, task.datasetDir);
      // A checkpoint prefix (checkpoint.saved), or a train dir whose newest published checkpoint is meant.
      if (!(await fetchArtifact(transfer, store, task.checkpointPath))) {
        const stem = `${artifactName(store, task.checkpointPath)}/${defaultSaveCheckpointOptions().basename}-`;
        const steps = (await transfer.list(stem)).map((name) => Number(name.slice(stem.length))).filter(Number.isSafeInteger);
        if (steps.length > 0) await transfer.fetch(`${stem}${Math.max(...steps)}`);
      }
      // Nothing published: the runner then records the checkpoint as gone, or fails naming it, as locally.
      const outcome = await runner.run(task);
      const { record } = outcome;
      if (outcome.fresh && record.status === 'evaluated') {
        const file = evaluationRecordPath(path.join(record.train_dir, EVAL_DIR_NAME), record.step, record.dataset_split_name);
        await transfer.publish(artifactName(store, file), [file]);
      }
      return outcome;
    },
  };
}
