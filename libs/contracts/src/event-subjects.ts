// The NATS JetStream stream and subjects of the events, kept in this one place; events.proto names them in comments.
import type { CheckpointSaved, CheckpointSaved__Output } from './generated/finetune/events/v1/CheckpointSaved';
import type { DatasetConverted, DatasetConverted__Output } from './generated/finetune/events/v1/DatasetConverted';
import type { EvaluationDone, EvaluationDone__Output } from './generated/finetune/events/v1/EvaluationDone';
import type { JobProgress, JobProgress__Output } from './generated/finetune/events/v1/JobProgress';
import type { ModelExported, ModelExported__Output } from './generated/finetune/events/v1/ModelExported';

/**
 * Every event: its subject and the fully-qualified message it carries (as proto3 JSON). One durable
 * stream captures `finetune.events.>`, so a consumer that was down catches up when it returns.
 */
export const FINETUNE_EVENTS = Object.freeze({
  /** JetStream stream holding every event. */
  stream: 'FINETUNE_EVENTS',
  /** Subject filter of the stream: everything under `finetune.events.`. */
  streamSubjects: Object.freeze(['finetune.events.>'] as const),
  events: Object.freeze({
    datasetConverted: { subject: 'finetune.events.dataset.converted', messageType: 'finetune.events.v1.DatasetConverted' },
    checkpointSaved: { subject: 'finetune.events.checkpoint.saved', messageType: 'finetune.events.v1.CheckpointSaved' },
    evaluationDone: { subject: 'finetune.events.evaluation.done', messageType: 'finetune.events.v1.EvaluationDone' },
    modelExported: { subject: 'finetune.events.model.exported', messageType: 'finetune.events.v1.ModelExported' },
    jobProgress: { subject: 'finetune.events.job.progress', messageType: 'finetune.events.v1.JobProgress' },
  } as const),
});

/** Short name of an event: `datasetConverted`, `checkpointSaved`, `evaluationDone`, `modelExported`, `jobProgress`. */
export type FinetuneEventName = keyof typeof FINETUNE_EVENTS.events;

/** NATS subject of an event, e.g. `finetune.events.checkpoint.saved`. */
export type FinetuneEventSubject<N extends FinetuneEventName = FinetuneEventName> = (typeof FINETUNE_EVENTS.events)[N]['subject'];

interface EventMessageTypes {
  datasetConverted: { input: DatasetConverted; output: DatasetConverted__Output };
  checkpointSaved: { input: CheckpointSaved; output: CheckpointSaved__Output };
  evaluationDone: { input: EvaluationDone; output: EvaluationDone__Output };
  modelExported: { input: ModelExported; output: ModelExported__Output };
  jobProgress: { input: JobProgress; output: JobProgress__Output };
}

/** What a publisher passes for an event (the generated permissive message type). */
export type FinetuneEventInput<N extends FinetuneEventName> = EventMessageTypes[N]['input'];

/** What a consumer gets for an event once decoded with PROTO_LOADER_OPTIONS (defaults filled in). */
export type FinetuneEventOutput<N extends FinetuneEventName> = EventMessageTypes[N]['output'];
