// StartTraining: checks the flags against the dataset and the net, then queues the job and returns it.
import type { trainerV1 } from '@finetune/contracts';
import { checkTrainingJob } from '@finetune/engine';
import type { ArtifactStore } from '@finetune/store';
import type { JobArtifacts } from '../job-artifacts';
import { newJobId, type JobManager } from '../job-manager';
import { requestOptions } from '../request-options';

export function startTraining(deps: { jobs: JobManager; store: ArtifactStore; dataRoot: ArtifactStore; artifacts?: JobArtifacts }) {
  return async (request: trainerV1.StartTrainingRequest__Output): Promise<trainerV1.StartTrainingResponse> => {
    const jobId = newJobId();
    // Resolved once, here; the check, the queue and the run take these options as they are.
    const options = requestOptions(request.config, deps, jobId);
    // Refused before the (slow) check, and again after it in case another request took the dir meanwhile.
    deps.jobs.refuseBusyTrainDir(options.trainDir);
    // Without a shared volume the dataset comes from the artifact store; the check reads its manifest.
    await deps.artifacts?.fetchDataset(options.datasetDir);
    await checkTrainingJob(options);
    return { job: deps.jobs.start(options, jobId) };
  };
}
