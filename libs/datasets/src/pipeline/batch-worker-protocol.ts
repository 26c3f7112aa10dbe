// Messages between the input pipeline and its preprocessing workers (structured-clone-safe, buffers transferred).
import type { PreprocessingName } from '@finetune/nets';

/** One image of a job: where its encoded bytes sit in the job's buffer. */
export interface BatchJobItem {
  offset: number;
  length: number;
  /** Seeds the training distortions; unused without augmentation. */
  seed: number;
  /** `<shard>:<index>`, for messages. */
  id: string;
}

/** One batch to preprocess; the reply is its NHWC float32 images, one buffer, transferred. */
export interface BatchJob {
  imageSize: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on, `#rrggbb`; undefined: white. */
  background?: string;
  /** Train preprocessing with its random distortions; otherwise eval preprocessing. */
  augment: boolean;
  items: BatchJobItem[];
  /** All the batch's encoded images back to back; transferred, so one allocation crosses per batch. */
  bytes: ArrayBuffer;
}

/** What a failed image of a job adds to the worker's error, so the pipeline can name its shard and index. */
export interface ImageFailureDetails {
  /** The failed image's place in the job's items. */
  item: number;
}
