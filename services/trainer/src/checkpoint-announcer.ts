// checkpoint.saved for a job's checkpoints: published once the files are complete (and, without a shared
// volume, in the artifact store), and announced again after a restart in case a kill came in between.
import { stat } from 'node:fs/promises';
import { indexPath, readCheckpointMeta } from '@finetune/checkpoint';
import type { eventsV1 } from '@finetune/contracts';
import { checkpointSavedEvent, checkpointSavedEventId, type SavedTrainingCheckpoint, type TrainOptions } from '@finetune/engine';
import type { EventPublisher } from '@finetune/events';
import type { Logger } from '@finetune/runtime';
import type { JobArtifacts } from './job-artifacts';
import { timestampSeconds, type JobRecord } from './job-record';

export interface CheckpointAnnouncerDeps {
  events: EventPublisher;
  log: Logger;
  /** Publishes checkpoints when services share no volume; absent: they share one. */
  artifacts?: JobArtifacts;
}

export class CheckpointAnnouncer {
  constructor(private readonly deps: CheckpointAnnouncerDeps) {}

  /**
   * Announces a checkpoint a job has just saved; the outbox re-sends it until acknowledged, and the id makes
   * a re-send harmless. `imageSize` is the input size in use.
   */
  async saved(jobId: string, options: TrainOptions, c: SavedTrainingCheckpoint, imageSize: number): Promise<void> {
    try {
      await this.deps.artifacts?.publishCheckpoint(c.prefix);
    } catch (err) {
      // Announcing a checkpoint no other machine can fetch would only fail there.
      this.deps.log.warn('cannot publish the checkpoint to the artifact store; checkpoint.saved not sent', { job: jobId, step: c.step, err });
      return;
    }
    await this.publish(jobId, options, c, imageSize);
  }

  /**
   * A kill between a checkpoint's last rename and its event reaching the outbox would leave it unannounced:
   * the newest checkpoint of an interrupted job is announced again under the same id, which JetStream drops
   * as a duplicate, and the evaluator skips, if the first one did arrive.
   */
  async again(record: JobRecord, options: TrainOptions, prefix: string): Promise<void> {
    const meta = await readCheckpointMeta(prefix).catch(() => undefined);
    const step = meta?.step ?? Number(/-(\d+)$/.exec(prefix)?.[1] ?? Number.NaN);
    if (!Number.isSafeInteger(step)) return;
    const savedAt = (await stat(indexPath(prefix)).catch(() => undefined))?.mtime;
    // Only a checkpoint this job wrote: one from before it started is an earlier job's, announced by that job.
    if (!savedAt || savedAt.getTime() / 1000 < timestampSeconds(record.started_at)) return;
    await this.publish(record.job_id, options, { prefix, step, savedAt, removed: [] }, Number(record.config.train_image_size) || 0);
  }

  private async publish(jobId: string, options: TrainOptions, c: SavedTrainingCheckpoint, imageSize: number): Promise<void> {
    await this.deps.events
      .publish('checkpointSaved', this.portable(checkpointSavedEvent(jobId, options, c, imageSize)), checkpointSavedEventId(jobId, c.step))
      .catch((err) => this.deps.log.error('cannot keep checkpoint.saved in the outbox', { job: jobId, step: c.step, err }));
  }

  private portable(event: eventsV1.CheckpointSaved): eventsV1.CheckpointSaved {
    return this.deps.artifacts ? this.deps.artifacts.portable(event) : event;
  }
}
