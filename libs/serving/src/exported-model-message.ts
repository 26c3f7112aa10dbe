// An exported version's metadata as the contract's ExportedModel message (and the model.exported event).
import { toTimestamp, type eventsV1, type exporterV1 } from '@finetune/contracts';
import { inputSpecMessage } from './input-spec-message';
import type { ModelMetadata } from './model-metadata';

export function exportedModelMessage(m: ModelMetadata, dir: string, sizeBytes: number): exporterV1.ExportedModel {
  return {
    name: m.name,
    version: m.version,
    path: dir,
    sha256: m.sha256,
    size_bytes: sizeBytes,
    model_name: m.modelName,
    input: inputSpecMessage(m),
    labels: m.labels,
    job_id: m.source.jobId,
    source_checkpoint: { path_prefix: m.source.checkpointPath, step: m.source.step, saved_at: toTimestamp(m.source.savedAt) },
    ...(m.metrics
      ? {
          metrics: {
            accuracy: m.metrics.accuracy,
            recall_at_k: m.metrics.recallAtK,
            k: m.metrics.k,
            loss: Number.isFinite(m.metrics.loss) ? m.metrics.loss : 0,
            num_examples: m.metrics.numExamples,
          },
        }
      : {}),
    exported_at: toTimestamp(m.createdAt),
    ...(m.source.movingAverageDecay !== undefined && { moving_average_decay: m.source.movingAverageDecay }),
  };
}

/** The model.exported event of a written version: the message itself, published once per version and checksum. */
export function modelExportedEvent(model: exporterV1.ExportedModel): eventsV1.ModelExported {
  return {
    name: model.name,
    version: model.version,
    path: model.path,
    sha256: model.sha256,
    model_name: model.model_name,
    job_id: model.job_id,
    source_checkpoint: model.source_checkpoint,
    ...(model.metrics ? { metrics: model.metrics } : {}),
    exported_at: model.exported_at,
  };
}

export function modelExportedEventId(dir: string, sha256: string): string {
  return `${dir}:${sha256}`;
}
