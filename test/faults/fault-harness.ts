// The fault suite's moving parts: a seeded random source, the three processes it kills and restarts on the
// same ports and store, and what it reads back at the end (logs, the JetStream stream, the eval records).
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { NatsConnection } from 'nats';
import { FINETUNE_EVENTS, loadContracts, type trainerV1 } from '@finetune/contracts';
import { startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceProcess } from '@finetune/runtime';
import { mulberry32 } from '@finetune/nets';

const contracts = loadContracts();

/** mulberry32: small, seeded, the same sequence on every machine (written once, in nets). */
export const seededRandom = mulberry32;

export type Victim = 'nats-server' | 'evaluator' | 'trainer';

export interface Stack {
  nats?: NatsServerProcess;
  trainer?: ServiceProcess;
  evaluator?: ServiceProcess;
  /** Every trainer and evaluator process ever started, killed ones included: their logs are the evidence. */
  history: ServiceProcess[];
}

export function createStack(dir: string, natsPort: number, ackWaitSecs: number) {
  const state = path.join(dir, 'state');
  const stack: Stack = { history: [] };
  const common = ['--grpc-port=0', '--metrics-port=0', `--state-dir=${state}`, '--engine-workers=1', '--log-level=info'];
  const env = { FINETUNE_NATS_URL: `nats://127.0.0.1:${natsPort}`, FINETUNE_BACKEND: 'wasm' };
  const starters: Record<Victim, () => Promise<void>> = {
    'nats-server': async () => {
      stack.nats = await startNatsServer({ storeDir: path.join(dir, 'nats'), port: natsPort });
    },
    trainer: async () => {
      stack.trainer = await startServiceProcess('trainer', { args: [...common, `--data-root=${state}`], env });
      stack.history.push(stack.trainer);
    },
    evaluator: async () => {
      stack.evaluator = await startServiceProcess('evaluator', { args: [...common, '--batch-size=8', `--ack-wait-secs=${ackWaitSecs}`], env });
      stack.history.push(stack.evaluator);
    },
  };
  const processOf = (v: Victim) => (v === 'nats-server' ? stack.nats?.process : stack[v]?.process);
  return {
    stack,
    state,
    start: (v: Victim) => starters[v](),
    /** kill -9, and wait until it is gone. */
    async kill(v: Victim): Promise<void> {
      const child = processOf(v);
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
    async stopAll(): Promise<void> {
      await Promise.all([stack.trainer?.stop(), stack.evaluator?.stop()]);
      await stack.nats?.stop();
    },
  };
}

type TrainerClient = InstanceType<typeof contracts.finetune.trainer.v1.TrainerService>;

export function trainerClient(port: number): TrainerClient {
  return new contracts.finetune.trainer.v1.TrainerService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}

export function startTraining(client: TrainerClient, config: trainerV1.TrainingConfig): Promise<string> {
  return new Promise((resolve, reject) => client.StartTraining({ config }, (err, res) => (err ? reject(err) : resolve(res!.job!.job_id))));
}

export function jobState(client: TrainerClient, jobId: string): Promise<string> {
  return new Promise((resolve, reject) => client.GetJob({ job_id: jobId }, (err, res) => (err ? reject(err) : resolve(String(res!.job!.state)))));
}

/** Steps of every checkpoint.saved event JetStream holds, with how many times each was stored. */
export async function storedCheckpointEvents(nc: NatsConnection): Promise<Map<number, number>> {
  const jsm = await nc.jetstreamManager();
  const { state } = await jsm.streams.info(FINETUNE_EVENTS.stream);
  const steps = new Map<number, number>();
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(FINETUNE_EVENTS.stream, { seq }).catch(() => undefined);
    if (!m || m.subject !== FINETUNE_EVENTS.events.checkpointSaved.subject) continue;
    const step = Number((JSON.parse(new TextDecoder().decode(m.data)) as { checkpoint: { step: string } }).checkpoint.step);
    steps.set(step, (steps.get(step) ?? 0) + 1);
  }
  return steps;
}

/** Log lines of every process started under `name`, killed ones included. */
export function logsOf(stack: Stack, name: 'trainer' | 'evaluator'): Array<Record<string, unknown>> {
  return stack.history.filter((p) => p.name === name).flatMap((p) => p.logs);
}
