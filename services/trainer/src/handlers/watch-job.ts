// WatchJob: the job's progress at once, then every report, ending after the one that carries a final state.
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { eventsV1, trainerV1 } from '@finetune/contracts';
import type { JobManager } from '../job-manager';
import { isFinal, type JobStateName } from '../job-record';

type Call = ServerWritableStream<trainerV1.WatchJobRequest__Output, trainerV1.WatchJobResponse>;

export function watchJob(deps: { jobs: JobManager; shutdown: AbortSignal }) {
  return async (request: trainerV1.WatchJobRequest__Output, call: Call): Promise<void> => {
    const first = deps.jobs.get(request.job_id).progress;
    call.write({ progress: first });
    if (isFinal(first.state)) return;
    await new Promise<void>((resolve) => {
      const end = () => {
        unsubscribe();
        call.off('cancelled', end);
        deps.shutdown.removeEventListener('abort', end);
        resolve();
      };
      const unsubscribe = deps.jobs.watch(request.job_id, (progress: eventsV1.JobProgress) => {
        call.write({ progress });
        if (isFinal(progress.state as JobStateName)) end();
      });
      call.on('cancelled', end);
      deps.shutdown.addEventListener('abort', end, { once: true });
    });
  };
}
