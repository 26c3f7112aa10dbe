// Export: a checkpoint of a train dir becomes the next version of a served model; model.exported is
// published only after the version is complete on disk.
import type { exporterV1 } from '@finetune/contracts';
import type { EventPublisher } from '@finetune/events';
import { FinetuneError } from '@finetune/runtime';
import { exportedModelMessage, exportModel, modelExportedEvent, modelExportedEventId, type CheckpointSelection } from '@finetune/serving';
import type { ArtifactStore, ArtifactTransfer } from '@finetune/store';
import { fetchExportInputs, publishExportedModel } from '../export-artifacts';

type Request = exporterV1.ExportRequest__Output;

function selection(request: Request): CheckpointSelection {
  switch (request.selector) {
    case 'CHECKPOINT_SELECTOR_STEP': {
      const step = Number(request.step);
      if (!Number.isSafeInteger(step) || step < 0) throw new FinetuneError('invalid-argument', `step: ${request.step} is not a checkpoint step`);
      return { kind: 'step', step };
    }
    case 'CHECKPOINT_SELECTOR_BEST_ACCURACY':
      return { kind: 'best-accuracy' };
    case 'CHECKPOINT_SELECTOR_NEWEST':
    case 'CHECKPOINT_SELECTOR_UNSPECIFIED':
      return { kind: 'newest' };
    default:
      // A number this build does not know (a newer client, or a typo on the wire): never guess a checkpoint.
      throw new FinetuneError(
        'invalid-argument',
        `selector: ${JSON.stringify(request.selector)} is not a checkpoint selector; use CHECKPOINT_SELECTOR_NEWEST, CHECKPOINT_SELECTOR_STEP or CHECKPOINT_SELECTOR_BEST_ACCURACY`,
      );
  }
}

function required(value: string, field: string, what: string): string {
  if (!value) throw new FinetuneError('invalid-argument', `${field} is empty: ${what}`);
  return value;
}

export function exportHandler(deps: {
  store: ArtifactStore;
  dataRoot: ArtifactStore;
  transfer: ArtifactTransfer;
  events: EventPublisher;
  serialize: <T>(work: () => Promise<T>) => Promise<T>;
}) {
  return async (request: Request): Promise<exporterV1.ExportResponse> => {
    const trainDir = deps.dataRoot.resolve('train_dir', required(request.train_dir, 'train_dir', 'name the train dir holding the checkpoints'));
    const modelName = required(request.model_name, 'model_name', 'name the network, e.g. mobilenet_v2');
    const datasetDir = request.dataset_dir ? deps.dataRoot.resolve('dataset_dir', request.dataset_dir) : undefined;
    const labelsFile = request.labels_file ? deps.dataRoot.resolve('labels_file', request.labels_file) : undefined;
    const repository = request.output_directory ? deps.dataRoot.resolve('output_directory', request.output_directory) : deps.store.modelRepository();
    if (request.image_size < 0) throw new FinetuneError('invalid-argument', `image_size: ${request.image_size} is negative; 0 means the checkpoint's size`);
    // One export at a time: each holds a whole network in memory while it folds and writes.
    const selected = selection(request);
    const result = await deps.serialize(async () => {
      await fetchExportInputs(deps.transfer, deps.dataRoot, { trainDir, selection: selected, datasetDir });
      const exported = await exportModel({
        trainDir,
        selection: selected,
        modelName,
        datasetDir,
        imageSize: request.image_size || undefined,
        preprocessingName: request.preprocessing_name || undefined,
        alphaBackground: request.alpha_background || undefined,
        labelsFile,
        repository,
        servedModelName: request.served_model_name || undefined,
        jobId: request.job_id,
        movingAverageDecay: request.moving_average_decay ?? undefined,
      });
      await publishExportedModel(deps.transfer, deps.store, exported.dir);
      return exported;
    });
    const model = exportedModelMessage(result.metadata, result.dir, result.sizeBytes);
    await deps.events.publish('modelExported', modelExportedEvent(model), modelExportedEventId(result.dir, result.metadata.sha256));
    return { model };
  };
}
