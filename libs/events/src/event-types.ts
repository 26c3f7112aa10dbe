// The events and their subjects: one map, so a publisher and a consumer cannot disagree on a name.
import { EVENT_SUBJECT_PREFIX } from './stream';

export const EVENT_KINDS = ['dataset.converted', 'checkpoint.saved', 'evaluation.done', 'model.exported', 'job.progress'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export function eventSubject(kind: EventKind): string {
  return `${EVENT_SUBJECT_PREFIX}.${kind}`;
}
