// The fault suite: a training job saving a checkpoint every second while nats-server, the evaluator and the
// trainer are killed with -9 at seeded random moments and started again. At the end every checkpoint that
// still exists is evaluated exactly once, every checkpoint the trainer logged as saved reached JetStream, and
// none was lost but those the keep-newest-5 rule pruned. Loopback only; FAULT_SEED, FAULT_KILLS and
// FAULT_STEPS make a longer soak (see the bench section of the README).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCheckpoint, listCheckpoints } from '@finetune/checkpoint';
import { convertImageFolder } from '@finetune/datasets';
import { makeImageTree } from '@finetune/datasets/testing';
import { EVAL_DIR_NAME, readEvaluationRecord } from '@finetune/engine';
import { connectNats, createLogger, freePort } from '@finetune/runtime';
import { createStack, jobState, logsOf, seededRandom, startTraining, storedCheckpointEvents, trainerClient, type Victim } from './fault-harness';

const SEED = Number(process.env.FAULT_SEED ?? 17);
const KILLS = Number(process.env.FAULT_KILLS ?? 5);
const STEPS = Number(process.env.FAULT_STEPS ?? 300);
/** --keep_checkpoint_max of the job: the newest this many checkpoints stay, with the best evaluated one. */
const KEEP = 5;
/** Short, so the event of a killed evaluator comes back within the suite's time. */
const ACK_WAIT_SECS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stepOf = (prefix: string) => Number(/-(\d+)$/.exec(prefix)![1]);

let dir: string;
let harness: ReturnType<typeof createStack>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'faults-'));
  harness = createStack(dir, await freePort(), ACK_WAIT_SECS);
  await makeImageTree(path.join(dir, 'pic'), {
    blue: { count: 6, format: 'png', rgb: [30, 40, 220], width: 32, height: 32 },
    red: { count: 6, format: 'png', rgb: [220, 30, 30], width: 32, height: 32 },
  });
  await convertImageFolder({ trainDir: path.join(dir, 'pic'), outputDir: path.join(harness.state, 'datasets', 'colours'), datasetName: 'colours', validationRatio: 0.34, trainShards: 1, validationShards: 1, numThreads: 1 });
  await harness.start('nats-server');
  await Promise.all([harness.start('trainer'), harness.start('evaluator')]);
}, 180_000);

afterAll(async () => {
  await harness?.stopAll();
  rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

describe('faults', () => {
  it('faults - kills of nats-server, evaluator and trainer lose no event, no checkpoint and no evaluation', async () => {
    const { stack, state } = harness;
    const trainDir = path.join(state, 'train', 'fault');
    const config = {
      dataset_dir: path.join(state, 'datasets', 'colours'),
      train_dir: trainDir,
      model_name: 'mobilenet_v2',
      depth_multiplier: 0.35,
      train_image_size: 32,
      checkpoint_path: 'none',
      batch_size: 4,
      max_number_of_steps: STEPS,
      save_interval_secs: 1,
      log_every_n_steps: 10,
      keep_checkpoint_max: KEEP,
    };
    let client = trainerClient(stack.trainer!.grpcPort);
    let job = await startTraining(client, config);
    const random = seededRandom(SEED);
    const kills: Record<Victim, number> = { 'nats-server': 0, evaluator: 0, trainer: 0 };
    const finished = async () => ((await latestCheckpoint(trainDir).then((p) => (p ? stepOf(p) : -1))) ?? -1) >= STEPS;
    for (let i = 0; i < KILLS && !(await finished()); i++) {
      await sleep(1_500 + random() * 3_000);
      const victim = (['nats-server', 'evaluator', 'trainer'] as const)[Math.floor(random() * 3)]!;
      await harness.kill(victim);
      kills[victim]++;
      await sleep(300 + random() * 2_000);
      await harness.start(victim);
      if (victim === 'trainer') {
        client.close();
        client = trainerClient(stack.trainer!.grpcPort);
        // The restarted trainer marked the job interrupted; a new one on the same train dir resumes it.
        if (!(await finished())) job = await startTraining(client, config);
      }
    }
    await until('the job to reach its last step', finished, 300_000);
    await until('the job to end', async () => (await jobState(client, job)) !== 'JOB_STATE_RUNNING', 30_000);
    client.close();

    // Quiet: the trainer's outbox is empty and the evaluator has acknowledged every checkpoint.saved.
    const nc = await connectNats(stack.nats!.url, 'fault-suite', createLogger({ test: 'faults' }, { level: 'error' }));
    const jsm = await nc.jetstreamManager();
    await until(
      'every event sent and handled',
      async () => {
        const info = await jsm.consumers.info('FINETUNE_EVENTS', 'evaluator-checkpointSaved');
        return readdirSync(path.join(state, 'outbox', 'trainer')).length === 0 && info.num_pending === 0 && info.num_ack_pending === 0;
      },
      // Alone the evaluator catches up in seconds; beside the rest of `npm test` on two cores it takes minutes.
      360_000,
    );

    const saved = new Set(logsOf(stack, 'trainer').filter((l) => String(l.msg).startsWith('saved checkpoint ')).map((l) => stepOf(String(l.msg))));
    const events = await storedCheckpointEvents(nc);
    await nc.close();
    const existing = (await listCheckpoints(trainDir)).map((r) => r.step!);
    const evaluatedLines = logsOf(stack, 'evaluator').filter((l) => l.msg === 'evaluated');
    const evaluations = new Map<number, number>();
    for (const l of evaluatedLines) evaluations.set(Number(l.step), (evaluations.get(Number(l.step)) ?? 0) + 1);
    const duplicates = [...evaluations.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const undelivered = [...saved].filter((s) => !events.has(s));
    // The newest KEEP are kept, and the best evaluated one besides, however old: that one is not the line.
    const newestKept = [...existing].sort((a, b) => b - a).slice(0, KEEP);
    const lost = [...saved].filter((s) => !existing.includes(s) && s > Math.min(...newestKept));
    const unevaluated: number[] = [];
    for (const step of existing) {
      const record = await readEvaluationRecord(path.join(trainDir, EVAL_DIR_NAME), step, 'validation');
      if (record?.status !== 'evaluated' || evaluations.get(step) !== 1) unevaluated.push(step);
    }
    console.log(
      `faults (seed ${SEED}): kills nats-server ${kills['nats-server']}, evaluator ${kills.evaluator}, trainer ${kills.trainer}; ` +
        `checkpoints saved ${saved.size}, still on disk ${existing.length}; checkpoint.saved events stored ${events.size} ` +
        `(${[...events.values()].reduce((a, b) => a + b, 0)} messages); evaluations ${evaluatedLines.length}, duplicates ${duplicates}`,
    );
    expect(existing).toContain(STEPS);
    expect(undelivered, 'saved but never reached JetStream').toEqual([]);
    expect(lost, 'saved, newer than the oldest kept, and gone').toEqual([]);
    expect(unevaluated, 'on disk but not evaluated exactly once').toEqual([]);
    expect([...evaluations].filter(([, n]) => n > 1).map(([step]) => step), 'steps evaluated more than once').toEqual([]);
    expect(duplicates).toBe(0);
  }, 600_000);
});
