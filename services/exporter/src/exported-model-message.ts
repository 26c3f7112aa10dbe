// An exported version's metadata as the contract's ExportedModel message (and the model.exported event).
import type { exporterV1 } from '@finetune/contracts';
import type { ModelMetadata } from '@finetune/serving';

function timestamp(iso: string | undefined): { seconds: number; nanos: number } | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

export function exportedModelMessage(m: ModelMetadata, dir: string, sizeBytes: number): exporterV1.ExportedModel {
  return {
    name: m.name,
    version: m.version,
    path: dir,
    sha256: m.sha256,
    size_bytes: sizeBytes,
    model_name: m.modelName,
    input: {
      height_px: m.imageSize,
      width_px: m.imageSize,
      channels: 3,
      preprocessing: m.preprocessing === 'vgg' ? 'PREPROCESSING_VGG' : 'PREPROCESSING_INCEPTION',
    },
    labels: m.labels,
    job_id: m.source.jobId,
    source_checkpoint: { path_prefix: m.source.checkpointPath, step: m.source.step, saved_at: timestamp(m.source.savedAt) },
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
    exported_at: timestamp(m.createdAt),
  };
}
