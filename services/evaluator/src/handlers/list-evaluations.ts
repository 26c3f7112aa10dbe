// ListEvaluations: the stored evaluations of one training job or train dir, by step.
import path from 'node:path';
import type { evaluatorV1 } from '@finetune/contracts';
import { EVAL_DIR_NAME, listEvaluationRecords } from '@finetune/engine';
import { FinetuneError } from '@finetune/runtime';
import type { ArtifactStore } from '@finetune/store';
import { evaluationMessage } from '../evaluation-message';
import type { JobIndex } from '../job-index';

export function listEvaluations(deps: { store: ArtifactStore; jobs: JobIndex }) {
  return async (request: evaluatorV1.ListEvaluationsRequest__Output): Promise<evaluatorV1.ListEvaluationsResponse> => {
    if (request.source === 'train_dir' && request.train_dir) {
      const trainDir = deps.store.resolve('train_dir', request.train_dir);
      const records = await listEvaluationRecords(path.join(trainDir, EVAL_DIR_NAME));
      return { evaluations: records.map((r) => evaluationMessage(r, true, '')) };
    }
    if (request.source === 'job_id' && request.job_id) {
      const jobId = request.job_id;
      // A job whose checkpoints were never evaluated here has no entry: look where the trainer puts it.
      const trainDir = (await deps.jobs.trainDirOf(jobId)) ?? deps.store.trainDir(jobId);
      const records = await listEvaluationRecords(path.join(trainDir, EVAL_DIR_NAME));
      return { evaluations: records.filter((r) => r.job_id === jobId).map((r) => evaluationMessage(r, true, '')) };
    }
    throw new FinetuneError('invalid-argument', 'source is missing: set job_id or train_dir');
  };
}
