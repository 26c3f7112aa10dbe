// google.protobuf.Timestamp from a Date or an ISO 8601 string: every message with an `*_at` field needs it.
import type { Timestamp } from './generated/google/protobuf/Timestamp';

/** Undefined for an absent or unparsable time, so optional `*_at` fields stay unset. */
export function toTimestamp(time: Date | string | undefined): Timestamp | undefined {
  if (time === undefined) return undefined;
  const ms = typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (Number.isNaN(ms)) return undefined;
  return { seconds: Math.floor(ms / 1000), nanos: (((ms % 1000) + 1000) % 1000) * 1e6 };
}
