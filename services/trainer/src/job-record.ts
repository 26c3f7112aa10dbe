// A job as the trainer stores and reports it: the contract's Job message, kept as plain JSON.
import { toTimestamp, type commonV1, type eventsV1, type Timestamp, type trainerV1 } from '@finetune/contracts';

export type JobStateName = commonV1.JobState__Output;

/** The contract's Job with the fields the trainer always sets; JSON.stringify of it is the stored record. */
export interface JobRecord extends trainerV1.Job {
  job_id: string;
  config: trainerV1.TrainingConfig;
  state: JobStateName;
  failure_reason: string;
  progress: eventsV1.JobProgress & { state: JobStateName };
  created_at: Timestamp;
}

const FINAL: ReadonlySet<JobStateName> = new Set(['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_STOPPED']);

export function isFinal(state: JobStateName): boolean {
  return FINAL.has(state);
}

export function timestamp(date = new Date()): Timestamp {
  return toTimestamp(date)!;
}

/** Seconds since the epoch of a stored Timestamp, for sorting. */
export function timestampSeconds(t: Timestamp | null | undefined): number {
  return t ? Number(t.seconds ?? 0) + (t.nanos ?? 0) / 1e9 : 0;
}
