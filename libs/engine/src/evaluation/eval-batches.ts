// Where an evaluation's batches come from: by default @finetune/datasets' input pipeline in evaluation
// mode, which yields every image of the split once, in order, through the net's eval preprocessing,
// and keeps the short last batch.
import { createBatchPipeline, type ImageBatch, type LoadedManifest, type SplitName } from '@finetune/datasets';
import type { PreprocessingName } from '@finetune/nets';

/** One batch; the pipeline's ImageBatch. */
export type EvalBatch = Pick<ImageBatch, 'images' | 'labels' | 'count' | 'imageSize' | 'ids'>;

export interface EvalBatchOptions {
  manifest: LoadedManifest;
  split: SplitName;
  batchSize: number;
  imageSize: number;
  preprocessing: PreprocessingName;
  /** What transparent pixels are composited on, `#rrggbb`. */
  alphaBackground: string;
  signal?: AbortSignal;
}

/** A source of batches; leaving the iteration early (return()) must release what it holds. */
export type EvalBatchSource = (options: EvalBatchOptions) => AsyncIterable<EvalBatch>;

export const pipelineEvalBatches: EvalBatchSource = (options) => createBatchPipeline({ ...options, training: false });
