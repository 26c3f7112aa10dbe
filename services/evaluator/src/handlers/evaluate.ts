// Evaluate: one checkpoint (or a train dir's newest) on one split, or its stored result (SKIPPED).
import type { ServerUnaryCall } from '@grpc/grpc-js';
import type { evaluatorV1 } from '@finetune/contracts';
import { DEFAULT_EVAL_SPLIT, DEFAULT_RECALL_K } from '@finetune/engine';
import type { SplitName } from '@finetune/datasets';
import { alphaBackgroundFlag, parsePreprocessingName } from '@finetune/nets';
import { FinetuneError } from '@finetune/runtime';
import type { ArtifactStore } from '@finetune/store';
import { evaluationMessage } from '../evaluation-message';
import type { EvaluationRunner } from '../evaluation-runner';

type Request = evaluatorV1.EvaluateRequest__Output;
type Call = ServerUnaryCall<Request, evaluatorV1.EvaluateResponse>;

const SPLITS: readonly SplitName[] = ['train', 'validation'];

export function evaluate(deps: { store: ArtifactStore; runner: EvaluationRunner; batchSize: number; shutdown: AbortSignal }) {
  return async (request: Request, call: Call): Promise<evaluatorV1.EvaluateResponse> => {
    const cancelled = new AbortController();
    call.on('cancelled', () => cancelled.abort(new Error('client cancelled')));
    const checkpointPath =
      request.checkpoint === 'checkpoint_path' && request.checkpoint_path
        ? deps.store.resolve('checkpoint_path', request.checkpoint_path)
        : request.checkpoint === 'train_dir' && request.train_dir
          ? deps.store.resolve('train_dir', request.train_dir)
          : undefined;
    if (!checkpointPath) throw new FinetuneError('invalid-argument', 'checkpoint is missing: set checkpoint_path (a checkpoint prefix) or train_dir (its newest checkpoint)');
    const split = (request.dataset_split_name || DEFAULT_EVAL_SPLIT) as SplitName;
    if (!SPLITS.includes(split)) throw new FinetuneError('invalid-argument', `dataset_split_name "${request.dataset_split_name}": expected ${SPLITS.join(' or ')}`);
    const preprocessing = request.preprocessing_name ? parsePreprocessingName('preprocessing_name', request.preprocessing_name) : undefined;
    const maxNumBatches = Number(request.max_num_batches || 0);
    const outcome = await deps.runner.run({
      checkpointPath,
      trainDir: request.checkpoint === 'train_dir' ? checkpointPath : undefined,
      jobId: request.job_id,
      datasetDir: datasetDir(request, deps.store),
      split,
      modelName: request.model_name || undefined,
      imageSize: request.eval_image_size || undefined,
      preprocessingName: preprocessing,
      alphaBackground: alphaBackgroundFlag(request.alpha_background || undefined, 'alpha_background'),
      batchSize: request.batch_size || deps.batchSize,
      k: request.recall_k || DEFAULT_RECALL_K,
      labelsOffset: request.labels_offset,
      maxNumBatches,
      reevaluate: request.reevaluate,
      movingAverageDecay: request.moving_average_decay ?? undefined,
      signal: AbortSignal.any([cancelled.signal, deps.shutdown]),
    });
    return { evaluation: evaluationMessage(outcome.record, outcome.fresh, outcome.skipReason) };
  };
}

/** `dataset_dir`, or the dataset service's folder for `dataset_name` (`<state>/datasets/<name>`). */
function datasetDir(request: Request, store: ArtifactStore): string {
  if (request.dataset_dir) return store.resolve('dataset_dir', request.dataset_dir);
  if (request.dataset_name) return store.resolve('dataset_name', request.dataset_name, store.datasetsDir());
  throw new FinetuneError('invalid-argument', 'dataset is missing: set dataset_dir (a converted dataset folder) or dataset_name');
}
