// GetJob: one job with its latest progress; an unknown id is NOT_FOUND.
import type { trainerV1 } from '@finetune/contracts';
import type { JobManager } from '../job-manager';

export function getJob(deps: { jobs: JobManager }) {
  return async (request: trainerV1.GetJobRequest__Output): Promise<trainerV1.GetJobResponse> => ({ job: deps.jobs.get(request.job_id) });
}
