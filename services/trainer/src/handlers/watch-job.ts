// WatchJob: the job's progress at once, then every report, ending after the one that carries a final state.
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { eventsV1, trainerV1 } from '@finetune/contracts';
import { FinetuneError } from '@finetune/runtime';
import type { JobManager } from '../job-manager';
import { isFinal, type JobStateName } from '../job-record';

type Call = ServerWritableStream<trainerV1.WatchJobRequest__Output, trainerV1.WatchJobResponse>;

export function watchJob(deps: { jobs: JobManager; shutdown: AbortSignal }) {
  return async (request: trainerV1.WatchJobRequest__Output, call: Call): Promise<void> => {
    const first = deps.jobs.get(request.job_id).progress;
    call.write({ progress: first });
    if (isFinal(first.state)) return;
    const why = await new Promise<'done' | 'shutdown'>((resolve) => {
      const end = (reason: 'done' | 'shutdown') => {
        unsubscribe();
        call.off('cancelled', onDone);
        deps.shutdown.removeEventListener('abort', onShutdown);
        resolve(reason);
      };
      const onDone = () => end('done');
      const onShutdown = () => end('shutdown');
      const unsubscribe = deps.jobs.watch(request.job_id, (progress: eventsV1.JobProgress) => {
        call.write({ progress });
        if (isFinal(progress.state as JobStateName)) onDone();
      });
      call.on('cancelled', onDone);
      deps.shutdown.addEventListener('abort', onShutdown, { once: true });
    });
    // Not OK: the job has not ended; it is interrupted with a last checkpoint and resumes from it.
    if (why === 'shutdown') {
      throw new FinetuneError('unavailable', `the trainer is shutting down: job ${request.job_id} saves a checkpoint and stops; once it restarts, start a job with the same train_dir to resume`);
    }
  };
}
