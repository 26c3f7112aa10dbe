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

export interface BatchJob {
  type: 'batch';
  /** Pipeline-wide job number, echoed in the reply. */
  seq: number;
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

/** Worker to pipeline; every job gets exactly one of these. */
export type BatchWorkerReply =
  /** NHWC float32 for the whole batch; its buffer is transferred. */
  | { type: 'batch'; seq: number; images: Float32Array }
  /** Image `item` of the job failed to decode or preprocess. */
  | { type: 'image-failed'; seq: number; item: number; reason: string }
  | { type: 'failed'; seq: number; message: string; stack?: string };
