// The JetStream stream that keeps every Finetune event on disk, so a consumer that was down catches up.
import { RetentionPolicy, StorageType, type JetStreamManager } from 'nats';
import { FINETUNE_EVENTS } from '@finetune/contracts';

/** Events older than this are dropped from the stream. */
export const EVENT_MAX_AGE_DAYS = 14;
/** A publish repeated with the same message id within this window is stored once. */
export const DUPLICATE_WINDOW_SECS = 300;

const NANOS_PER_SEC = 1_000_000_000;

/** Creates the stream if it is missing; every service calls this at start, so the order they start in does not matter. */
export async function ensureEventStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(FINETUNE_EVENTS.stream);
    return;
  } catch {
    // missing: create it below
  }
  try {
    await jsm.streams.add({
      name: FINETUNE_EVENTS.stream,
      subjects: [...FINETUNE_EVENTS.streamSubjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: EVENT_MAX_AGE_DAYS * 24 * 3600 * NANOS_PER_SEC,
      duplicate_window: DUPLICATE_WINDOW_SECS * NANOS_PER_SEC,
    });
  } catch (err) {
    // Another service created it between our two calls.
    if (!/already in use|exists/i.test((err as Error).message)) throw err;
  }
}
