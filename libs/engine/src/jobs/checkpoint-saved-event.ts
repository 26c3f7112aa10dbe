// The checkpoint.saved event of a saved training checkpoint: one builder for the trainer service and
// `finetune train`, so the evaluator gets the same fields from both.
import { toTimestamp, type eventsV1 } from '@finetune/contracts';
import type { TrainOptions } from './train-options';
import type { SavedTrainingCheckpoint } from './training-checkpoint';

export function checkpointSavedEvent(jobId: string, options: TrainOptions, saved: SavedTrainingCheckpoint, imageSize: number): eventsV1.CheckpointSaved {
  return {
    job_id: jobId,
    train_dir: options.trainDir,
    checkpoint: { path_prefix: saved.prefix, step: saved.step, saved_at: toTimestamp(saved.savedAt) },
    model_name: options.modelName,
    dataset_name: options.datasetName ?? '',
    dataset_dir: options.datasetDir,
    train_image_size: imageSize,
    labels_offset: options.labelsOffset,
  };
}

/** The message id under which a checkpoint's event is published: a re-publish stores nothing new. */
export function checkpointSavedEventId(jobId: string, step: number): string {
  return `${jobId}:${step}`;
}
