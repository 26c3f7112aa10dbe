// StopJob: a queued job ends STOPPED at once; a running one after its current step, with a last checkpoint.
import type { trainerV1 } from '@finetune/contracts';
import type { JobManager } from '../job-manager';

export function stopJob(deps: { jobs: JobManager }) {
  return async (request: trainerV1.StopJobRequest__Output): Promise<trainerV1.StopJobResponse> => ({ job: deps.jobs.stop(request.job_id) });
}
