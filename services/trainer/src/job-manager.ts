// The trainer's jobs: a queue in front of --max-concurrent-jobs runners, one live job per train dir, stop
// requests, watchers, and the records, metrics and events every change produces.
import { randomBytes } from 'node:crypto';
import { latestCheckpoint } from '@finetune/checkpoint';
import type { eventsV1, trainerV1 } from '@finetune/contracts';
import {
  optionsToTrainingConfig,
  resolveTrainOptions,
  runResolvedTrainingJob,
  trainingConfigToOptions,
  type SavedTrainingCheckpoint,
  type TrainingProgress,
  type TrainOptions,
} from '@finetune/engine';
import type { EventPublisher } from '@finetune/events';
import { FinetuneError, type Logger } from '@finetune/runtime';
import { CheckpointAnnouncer } from './checkpoint-announcer';
import type { JobArtifacts } from './job-artifacts';
import { isFinal, timestamp, timestampSeconds, type JobRecord, type JobStateName } from './job-record';
import type { JobStore } from './job-store';
import type { TrainingMetrics } from './training-metrics';

/** Progress records are rewritten at most this often; state changes and checkpoints always are. */
const PERSIST_PROGRESS_MS = 1000;

type Listener = (progress: eventsV1.JobProgress) => void;

interface Entry {
  record: JobRecord;
  options: TrainOptions;
  controller?: AbortController;
  stopRequested: boolean;
  listeners: Set<Listener>;
  lastPersist: number;
  finished?: Promise<void>;
  /** The input size in use (the net's default when the config left it 0), for checkpoint.saved. */
  imageSize?: number;
}

export interface JobManagerDeps {
  store: JobStore;
  events: EventPublisher;
  metrics: TrainingMetrics;
  log: Logger;
  maxConcurrentJobs: number;
  /** --engine-workers: worker threads per job (0: one per core on wasm and cpu). */
  engineWorkers: number;
  /** Aborted when the service shuts down: running jobs save a checkpoint and end. */
  shutdown: AbortSignal;
  /** Publishes checkpoints when services share no volume; absent: they share one. */
  artifacts?: JobArtifacts;
}

export class JobManager {
  private readonly jobs = new Map<string, Entry>();
  private readonly queue: string[] = [];
  private running = 0;
  private readonly announcer: CheckpointAnnouncer;

  constructor(private readonly deps: JobManagerDeps) {
    this.announcer = new CheckpointAnnouncer(deps);
  }

  /** Loads the stored jobs: one that was RUNNING when the process died is FAILED; QUEUED ones queue again. */
  async load(): Promise<void> {
    const records = await this.deps.store.loadAll();
    records.sort((a, b) => timestampSeconds(a.created_at) - timestampSeconds(b.created_at));
    for (const record of records) {
      let options: TrainOptions | undefined;
      try {
        options = resolveTrainOptions(trainingConfigToOptions(record.config as trainerV1.TrainingConfig__Output));
      } catch (err) {
        if (!isFinal(record.state)) {
          this.fail(record, `its stored config is no longer valid: ${(err as Error).message}`);
          await this.deps.store.save(record);
        }
      }
      const entry: Entry = { record, options: options!, stopRequested: false, listeners: new Set(), lastPersist: 0 };
      this.jobs.set(record.job_id, entry);
      if (record.state === 'JOB_STATE_RUNNING') {
        const newest = await latestCheckpoint(record.config.train_dir ?? '').catch(() => undefined);
        this.fail(
          record,
          `interrupted: the trainer stopped while the job was running${newest ? ` (newest checkpoint ${newest})` : ''}; ` +
            `start a job with the same train_dir (${record.config.train_dir}) to resume from its newest checkpoint`,
        );
        await this.deps.store.save(record);
        this.deps.log.warn('job was interrupted by a restart', { job: record.job_id, newest });
        if (newest && options) await this.announcer.again(record, options, newest);
      } else if (record.state === 'JOB_STATE_QUEUED') {
        this.queue.push(record.job_id);
      }
    }
    this.pump();
  }

  /** Queues a job whose options were already checked; ALREADY_EXISTS when its train dir has a live job. */
  start(options: TrainOptions, jobId = newJobId()): JobRecord {
    this.refuseBusyTrainDir(options.trainDir);
    const config = optionsToTrainingConfig(options);
    const record: JobRecord = {
      job_id: jobId,
      config,
      state: 'JOB_STATE_QUEUED',
      failure_reason: '',
      progress: { job_id: jobId, train_dir: options.trainDir, state: 'JOB_STATE_QUEUED', step: 0, max_number_of_steps: options.maxNumberOfSteps, reported_at: timestamp() },
      created_at: timestamp(),
    };
    const entry: Entry = { record, options, stopRequested: false, listeners: new Set(), lastPersist: 0 };
    this.jobs.set(jobId, entry);
    this.queue.push(jobId);
    void this.persist(entry, true);
    this.deps.log.info('job queued', { job: jobId, trainDir: options.trainDir, queued: this.queue.length });
    // The job as accepted: pump() may start it, and change the live record, before the response is sent.
    const accepted = structuredClone(record);
    this.pump();
    return accepted;
  }

  refuseBusyTrainDir(trainDir: string): void {
    for (const { record, options } of this.jobs.values()) {
      if (!isFinal(record.state) && options?.trainDir === trainDir) {
        throw new FinetuneError('already-exists', `train_dir ${trainDir} already has a live job ${record.job_id} (${record.state}); stop it or wait for it to end`);
      }
    }
  }

  get(jobId: string): JobRecord {
    return this.entry(jobId).record;
  }

  private entry(jobId: string): Entry {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new FinetuneError('not-found', `no job ${JSON.stringify(jobId)}; ListJobs shows the jobs this trainer knows`);
    return entry;
  }

  list(filter: { states: readonly string[]; trainDir: string }): JobRecord[] {
    return [...this.jobs.values()]
      .map((e) => e.record)
      .filter((r) => filter.states.length === 0 || filter.states.includes(r.state))
      .filter((r) => !filter.trainDir || r.config.train_dir === filter.trainDir)
      .sort((a, b) => timestampSeconds(b.created_at) - timestampSeconds(a.created_at));
  }

  /** A queued job stops at once; a running one after its current step, with a checkpoint. */
  stop(jobId: string): JobRecord {
    const entry = this.entry(jobId);
    if (isFinal(entry.record.state)) return entry.record;
    entry.stopRequested = true;
    if (entry.record.state === 'JOB_STATE_QUEUED') {
      this.queue.splice(this.queue.indexOf(jobId), 1);
      this.finish(entry, 'JOB_STATE_STOPPED', '');
    } else {
      entry.controller?.abort(new Error('StopJob'));
    }
    return entry.record;
  }

  /** Calls `listener` with every progress report of the job; returns the unsubscribe function. */
  watch(jobId: string, listener: Listener): () => void {
    const entry = this.entry(jobId);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** Resolves when every running job has saved its last checkpoint and ended (after shutdown aborted them). */
  async idle(): Promise<void> {
    await Promise.all([...this.jobs.values()].map((e) => e.finished));
  }

  private pump(): void {
    while (this.running < this.deps.maxConcurrentJobs && this.queue.length > 0 && !this.deps.shutdown.aborted) {
      const entry = this.jobs.get(this.queue.shift()!)!;
      this.running++;
      entry.finished = this.run(entry).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(entry: Entry): Promise<void> {
    const { record, options } = entry;
    const id = record.job_id;
    const log = this.deps.log.child({ job: id });
    const controller = (entry.controller = new AbortController());
    const onShutdown = () => controller.abort(new Error('service shutting down'));
    this.deps.shutdown.addEventListener('abort', onShutdown, { once: true });
    record.state = 'JOB_STATE_RUNNING';
    record.started_at = timestamp();
    this.report(entry, { state: 'JOB_STATE_RUNNING' }, true);
    log.info('job started', { trainDir: options.trainDir, model: options.modelName });
    try {
      const result = await runResolvedTrainingJob({ ...options, engineWorkers: this.deps.engineWorkers }, {
        signal: controller.signal,
        owner: `trainer job ${id}`,
        log,
        onStart: (s) => {
          entry.imageSize = s.imageSize;
          if (s.startPoint.path) record.initial_checkpoint = { path_prefix: s.startPoint.path, step: s.startPoint.step };
          this.report(entry, { step: s.globalStep }, true);
        },
        onStep: (r) => this.deps.metrics.step(id, r),
        onProgress: (p) => {
          this.deps.metrics.progress(id, p);
          this.report(entry, progressFields(p), false);
        },
        onCheckpoint: (c) => this.checkpointSaved(entry, c),
      });
      if (result.outcome === 'succeeded') this.finish(entry, 'JOB_STATE_SUCCEEDED', '');
      else if (entry.stopRequested) this.finish(entry, 'JOB_STATE_STOPPED', '');
      else {
        this.finish(
          entry,
          'JOB_STATE_FAILED',
          `interrupted: the trainer shut down at step ${result.globalStep} after saving ${result.lastCheckpoint?.prefix ?? 'a checkpoint'}; ` +
            `start a job with the same train_dir (${options.trainDir}) to resume from it`,
        );
      }
      log.info('job ended', { state: record.state, step: result.globalStep, imagesPerSec: result.throughput.imagesPerSec });
    } catch (err) {
      log.warn('job failed', { err });
      this.finish(entry, 'JOB_STATE_FAILED', (err as Error).message || String(err));
    } finally {
      this.deps.shutdown.removeEventListener('abort', onShutdown);
      await this.persist(entry, true).catch((err) => log.error('cannot write the job record', { err }));
    }
  }

  private async checkpointSaved(entry: Entry, c: SavedTrainingCheckpoint): Promise<void> {
    const { record, options } = entry;
    this.report(entry, { newest_checkpoint: { path_prefix: c.prefix, step: c.step, saved_at: timestamp(c.savedAt) } }, true);
    await this.announcer.saved(record.job_id, options, c, entry.imageSize ?? (Number(record.config.train_image_size) || 0));
  }

  private finish(entry: Entry, state: JobStateName, reason: string): void {
    entry.record.state = state;
    entry.record.failure_reason = reason;
    entry.record.finished_at = timestamp();
    this.report(entry, { state, failure_reason: reason }, true);
  }

  private fail(record: JobRecord, reason: string): void {
    record.state = 'JOB_STATE_FAILED';
    record.failure_reason = reason;
    record.finished_at = timestamp();
    record.progress = { ...record.progress, state: 'JOB_STATE_FAILED', failure_reason: reason, reported_at: timestamp() };
  }

  /** Updates the progress, tells watchers, publishes job.progress and persists (throttled unless `force`). */
  private report(entry: Entry, fields: Partial<eventsV1.JobProgress>, force: boolean): void {
    const { record } = entry;
    record.progress = { ...record.progress, ...fields, state: record.state, reported_at: timestamp() };
    const progress = record.progress;
    for (const listener of entry.listeners) listener(progress);
    void this.deps.events
      .publish('jobProgress', progress, `${record.job_id}:${progress.step}:${progress.state}:${progress.newest_checkpoint?.step ?? ''}`)
      .catch((err) => this.deps.log.error('cannot keep job.progress in the outbox', { job: record.job_id, err }));
    void this.persist(entry, force).catch((err) => this.deps.log.error('cannot write the job record', { job: record.job_id, err }));
  }

  private async persist(entry: Entry, force: boolean): Promise<void> {
    const now = Date.now();
    if (!force && now - entry.lastPersist < PERSIST_PROGRESS_MS) return;
    entry.lastPersist = now;
    await this.deps.store.save(entry.record);
  }
}

function progressFields(p: TrainingProgress): Partial<eventsV1.JobProgress> {
  return {
    step: p.step,
    loss: p.loss,
    learning_rate: p.learningRate,
    images_per_sec: p.imagesPerSec,
    secs_per_step: p.secsPerStep,
  };
}

/** Sortable by creation time, unique without coordination. */
export function newJobId(): string {
  return `train-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
