// Keeps child processes running: one that dies is started again after a backoff that doubles with each
// quick death, and the others are left alone. For `finetune serve all`, where one crash must not take down five.
import type { ChildProcess } from 'node:child_process';

/** First pause before a restart; doubles with each death that came soon after a start. */
export const RESTART_BACKOFF_MS = 1_000;
/** The longest pause between restarts. */
export const MAX_RESTART_BACKOFF_MS = 30_000;
/** A child that ran this long before dying is restarted after the shortest pause again. */
export const STABLE_RUN_MS = 60_000;

export interface Started {
  process: ChildProcess;
  /** What it listens on, e.g. `gRPC 127.0.0.1:50052, metrics http://127.0.0.1:51052/metrics`. */
  describe: string;
  stop(): Promise<void>;
}

export interface ChildSpec {
  name: string;
  /** Starts the child and resolves once it is ready; rejects when it cannot start. */
  start(): Promise<Started>;
}

export interface SupervisorEvents {
  ready(name: string, started: Started, restarts: number): void;
  exited(name: string, how: string, restartInMs: number): void;
  startFailed(name: string, err: unknown, retryInMs: number): void;
}

export interface Supervisor {
  /** Starts a child; rejects if its first start fails (a bad flag should end `serve all`, not loop). */
  add(spec: ChildSpec): Promise<Started>;
  /** The running process of a child, if it is up now. */
  current(name: string): Started | undefined;
  restarts(name: string): number;
  /** Stops every child, newest first, and stops restarting them. */
  stop(): Promise<void>;
}

export function createSupervisor(events: SupervisorEvents, timing = { backoffMs: RESTART_BACKOFF_MS, maxBackoffMs: MAX_RESTART_BACKOFF_MS, stableMs: STABLE_RUN_MS }): Supervisor {
  let stopping = false;
  const wakeOnStop = new Set<() => void>();
  const running = new Map<string, Started>();
  const restartCounts = new Map<string, number>();
  const order: string[] = [];
  const loops: Promise<void>[] = [];
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeOnStop.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeOnStop.add(done);
    });

  async function keepRunning(spec: ChildSpec, first: Started): Promise<void> {
    let started: Started | undefined = first;
    let backoff = timing.backoffMs;
    while (!stopping) {
      if (started) {
        running.set(spec.name, started);
        const since = Date.now();
        const how = await exitOf(started.process);
        running.delete(spec.name);
        if (stopping) return;
        if (Date.now() - since >= timing.stableMs) backoff = timing.backoffMs;
        events.exited(spec.name, how, backoff);
      }
      await pause(backoff);
      backoff = Math.min(backoff * 2, timing.maxBackoffMs);
      if (stopping) return;
      restartCounts.set(spec.name, (restartCounts.get(spec.name) ?? 0) + 1);
      try {
        started = await spec.start();
        if (stopping) {
          await started.stop(); // came up while everything was being stopped
          return;
        }
        events.ready(spec.name, started, restartCounts.get(spec.name)!);
      } catch (err) {
        started = undefined;
        events.startFailed(spec.name, err, backoff);
      }
    }
  }

  return {
    async add(spec) {
      const first = await spec.start();
      events.ready(spec.name, first, 0);
      order.push(spec.name);
      loops.push(keepRunning(spec, first));
      return first;
    },
    current: (name) => running.get(name),
    restarts: (name) => restartCounts.get(name) ?? 0,
    async stop() {
      stopping = true;
      for (const wake of wakeOnStop) wake();
      for (const name of [...order].reverse()) await running.get(name)?.stop();
      await Promise.all(loops);
    },
  };
}

function exitOf(child: ChildProcess): Promise<string> {
  const how = () => (child.signalCode ? `killed by ${child.signalCode}` : `exited with code ${child.exitCode}`);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(how());
  return new Promise((resolve) => child.once('exit', () => resolve(how())));
}
