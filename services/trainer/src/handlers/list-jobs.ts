// ListJobs: the jobs this trainer knows, newest first, filtered by state and train dir.
import type { trainerV1 } from '@finetune/contracts';
import type { ArtifactStore } from '@finetune/store';
import type { JobManager } from '../job-manager';

export function listJobs(deps: { jobs: JobManager; dataRoot: ArtifactStore }) {
  return async (request: trainerV1.ListJobsRequest__Output): Promise<trainerV1.ListJobsResponse> => ({
    jobs: deps.jobs.list({
      states: request.states,
      trainDir: request.train_dir ? deps.dataRoot.resolve('train_dir', request.train_dir) : '',
    }),
  });
}
