// An outbox in front of the publisher: every event is written to disk before it is sent and deleted only once
// JetStream acknowledged it, so an event outlives a NATS outage and a restart of the publisher. Re-sends keep
// the event's message id, so JetStream drops the copy when an earlier send did arrive.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FinetuneEventInput, FinetuneEventName } from '@finetune/contracts';
import { writeFileAtomic } from '@finetune/runtime/atomic-write';
import type { EventPublisher } from './publisher';

/** Pause between re-sends while NATS does not acknowledge. */
export const OUTBOX_RESEND_MS = 1_000;
/** How long close() keeps sending what is pending before it leaves it on disk for the next start. */
export const OUTBOX_CLOSE_FLUSH_MS = 3_000;

interface Pending {
  file: string;
  event: FinetuneEventName;
  payload: unknown;
  id: string;
}

export interface OutboxLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface Outbox extends EventPublisher {
  /** Events written but not yet acknowledged. */
  pending(): number;
  /** Resolves when nothing is pending (or `timeoutMs` passed); true when nothing is. */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Stops sending after a last bounded flush; what is still pending stays on disk. */
  close(): Promise<void>;
}

/**
 * Opens the outbox kept in `dir` and starts re-sending what an earlier process left there.
 * `publish` resolves once the event is on disk, not once it is sent: sending is retried in the background, in order.
 */
export async function openOutbox(dir: string, publisher: EventPublisher, log: OutboxLog, resendMs = OUTBOX_RESEND_MS): Promise<Outbox> {
  await fs.mkdir(dir, { recursive: true });
  const queue: Pending[] = [];
  const names = (await fs.readdir(dir)).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const stored = JSON.parse(await fs.readFile(file, 'utf8')) as Omit<Pending, 'file'>;
      queue.push({ ...stored, file });
    } catch (err) {
      // Written atomically, so this is someone else's file or a damaged disk: keep it for a person to look at.
      log.warn('outbox file is unreadable; left in place and not sent', { file, err });
    }
  }
  if (queue.length > 0) log.info('outbox holds events from an earlier run; re-sending them', { pending: queue.length, dir });
  let seq = names.length > 0 ? Number.parseInt(names.at(-1)!, 10) + 1 || 0 : 0;
  let sending: Promise<void> = Promise.resolve();
  let busy = false;
  let closed = false;
  let wake: (() => void) | undefined;
  const waiters = new Set<() => void>();

  const sendAll = async () => {
    busy = true; // set and cleared synchronously with the queue checks, so a publish never finds it stale
    let failing = false;
    while (queue.length > 0 && !closed) {
      const head = queue[0]!;
      try {
        await publisher.publish(head.event, head.payload as FinetuneEventInput<typeof head.event>, head.id);
      } catch (err) {
        if (!failing) log.warn('cannot publish an event; kept in the outbox and re-sent until NATS acknowledges it', { event: head.event, id: head.id, pending: queue.length, err });
        failing = true;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, resendMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        continue;
      }
      if (failing) log.info('publishing again; sending what the outbox kept', { pending: queue.length });
      failing = false;
      queue.shift();
      await fs.rm(head.file, { force: true });
    }
    busy = false;
    if (queue.length === 0) for (const w of waiters) w();
  };
  const kick = () => {
    if (!closed && !busy) sending = sendAll();
  };
  kick();

  const outbox: Outbox = {
    enabled: publisher.enabled,
    async publish(event, payload, id) {
      if (!publisher.enabled) return;
      // The random part keeps two replicas that share a state dir from writing the same name.
      const file = path.join(dir, `${String(seq++).padStart(12, '0')}-${randomBytes(4).toString('hex')}.json`);
      await writeFileAtomic(file, JSON.stringify({ event, payload, id }));
      queue.push({ file, event, payload, id });
      kick();
    },
    pending: () => queue.length,
    async flush(timeoutMs = Infinity) {
      if (queue.length === 0) return true;
      kick();
      wake?.();
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(timeoutMs) ? setTimeout(done, timeoutMs) : undefined;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
      return queue.length === 0;
    },
    async close() {
      await outbox.flush(OUTBOX_CLOSE_FLUSH_MS);
      closed = true;
      wake?.();
      await sending;
      if (queue.length > 0) log.warn('outbox still holds events at shutdown; the next start sends them', { pending: queue.length, dir });
    },
  };
  return outbox;
}
