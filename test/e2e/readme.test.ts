// README is executable: every command of its "The workflow, step by step" section, parsed out of README.md
// and run as written there in a temp folder on a small generated image set; the local commands in this
// process's way, the `--<service>-address` ones against real services and a real nats-server -js.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContracts, type inferenceV1 } from '@finetune/contracts';
import { imageBytes, makeImageTree, THREE_CLASSES } from '@finetune/datasets/testing';
import { REPO_ROOT, SERVICE_NAMES, startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceName, type ServiceProcess } from '@finetune/runtime';

/** All the test may change in README's commands: how `finetune` is started, sizes that keep CI short, where services listen. */
const SUBSTITUTIONS = {
  command: { 'npx finetune': [process.execPath, path.join(REPO_ROOT, 'services/cli/bin/finetune.js')] },
  sizes: { '--max_number_of_steps 200': '--max_number_of_steps 3', '--train_image_size 160': '--train_image_size 96' },
  addresses: { '127.0.0.1:50051': 'dataset', '127.0.0.1:50052': 'trainer', '127.0.0.1:50053': 'evaluator', '127.0.0.1:50054': 'exporter', '127.0.0.1:50055': 'inference' },
} as const satisfies { command: Record<string, string[]>; sizes: Record<string, string>; addresses: Record<string, ServiceName> };

const SECTION = '## The workflow, step by step';
const STEPS = 3;
const LABEL = /^(daisy|roses|tulips) \(score = -?\d+\.\d{5}\)$/;
const run = promisify(execFile);
const env = { ...process.env, FINETUNE_BACKEND: 'wasm', FINETUNE_LOG_LEVEL: 'warn' };

/** The section's fenced shell blocks, each a list of commands: `\` continuations joined, `# …` comments dropped. */
function readmeBlocks(readme: string): string[][] {
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`README.md has no "${SECTION}" section`);
  const end = readme.indexOf('\n## ', start + SECTION.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) =>
    m[1]!
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

type Ports = Partial<Record<ServiceName, number>>;

/** One README command as argv, after the declared substitutions and nothing else. */
function argvOf(command: string, ports: Ports): string[] {
  let line = command;
  for (const [from, to] of Object.entries(SUBSTITUTIONS.sizes)) line = line.replace(from, to);
  for (const [from, service] of Object.entries(SUBSTITUTIONS.addresses)) {
    if (line.includes(from)) line = line.replace(from, `127.0.0.1:${ports[service] ?? 0}`);
  }
  const [prefix, argv] = Object.entries(SUBSTITUTIONS.command)[0]!;
  if (!line.startsWith(`${prefix} `)) throw new Error(`README command "${command}" does not start with "${prefix}"`);
  if (/["'`$|&;<>*]/.test(line)) throw new Error(`README command "${command}" needs a shell; keep the workflow's commands plain`);
  return [...argv, ...line.slice(prefix.length).trim().split(/\s+/)];
}

/** What each step must print; a README command whose step is not here fails the test. */
const CHECKS: Record<string, (out: string, cwd: string, remote: boolean) => void> = {
  prepare(out, cwd) {
    expect(out).toMatch(/^flowers: 3 classes; train \d+ images/m);
    expect(out).toContain(`written to ${path.join(cwd, 'data')}`);
  },
  'inspect-checkpoint'(out) {
    expect(out).toContain('MobilenetV2/Conv/weights (DT_FLOAT) [3,3,3,32]');
    expect(out).toContain('MobilenetV2/expanded_conv_9/project/weights (DT_FLOAT) [1,1,384,64]');
    expect(out.split('\n').filter((l) => l.startsWith('MobilenetV2/'))).toHaveLength(260);
  },
  train(out, cwd, remote) {
    const newest = path.join(cwd, 'train', `model.ckpt-${STEPS}`);
    expect(out).toContain(remote ? `succeeded at global step ${STEPS}; newest checkpoint ${newest}` : `finished at global step ${STEPS}; newest checkpoint ${newest}`);
  },
  eval(out) {
    expect(out).toMatch(/^eval\/Accuracy\[[\d.]+\]\neval\/Recall_5\[1\]\n/);
    expect(out).toContain(`(step ${STEPS}), 3 examples`);
  },
  export(out, cwd) {
    // Named after the dataset's manifest, at the size trained; locally to --output_dir, by the service to its repository (the same folder here).
    expect(out).toContain(`exported flowers version 1 to ${path.join(cwd, 'models', 'flowers', '1')}`);
    expect(out).toContain(`(step ${STEPS}), 3 labels, input 96x96, unit preprocessing`); // the builtin weights' own input
  },
  classify(out) {
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(LABEL);
  },
};

const stepOf = (argv: string[]) => argv[2]!;

/** A folder as README assumes it: `pic/<class>/` images and `rose.jpg`. */
async function workspace(name: string): Promise<string> {
  const dir = path.join(root, name);
  await makeImageTree(path.join(dir, 'pic'));
  writeFileSync(path.join(dir, 'rose.jpg'), await imageBytes('jpeg', THREE_CLASSES.roses!.rgb, 40, 24));
  return dir;
}

async function runAll(commands: string[], cwd: string, ports: Ports, beforeEach?: (step: string) => Promise<void>): Promise<string[]> {
  const remote = Object.keys(ports).length > 0;
  const steps: string[] = [];
  for (const command of commands) {
    const argv = argvOf(command, ports);
    const step = stepOf(argv);
    const check = CHECKS[step];
    if (!check) throw new Error(`README runs "finetune ${step}", which this test does not check: add it to CHECKS`);
    await beforeEach?.(step);
    const result = await run(argv[0]!, argv.slice(1), { cwd, env, maxBuffer: 16 << 20, timeout: 120_000 }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(`README command failed: ${command}\n${err.stderr ?? err.message}`);
    });
    check(result.stdout, cwd, remote);
    steps.push(step);
  }
  return steps;
}

const root = mkdtempSync(path.join(os.tmpdir(), 'e2e-readme-'));
const blocks = readmeBlocks(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
const isRemote = (block: string[]) => block.some((c) => /--[a-z]+-address\b/.test(c));
let nats: NatsServerProcess | undefined;
const services: ServiceProcess[] = [];

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await nats?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('readme', () => {
  it('readme - the workflow section has the local block and the service block, and nothing else', () => {
    expect(blocks.map(isRemote)).toEqual([false, true]);
  });

  it.concurrent('readme - every local command runs as written: prepare, inspect-checkpoint, train, eval, export, classify', async () => {
    const cwd = await workspace('local');
    const steps = await runAll(blocks.find((b) => !isRemote(b))!, cwd, {});
    expect(steps).toEqual(['prepare', 'inspect-checkpoint', 'train', 'eval', 'export', 'classify']);
    expect(existsSync(path.join(cwd, 'models', 'flowers', '1', 'finetune-model.json'))).toBe(true);
  }, 240_000);

  it.concurrent('readme - every --<service>-address command runs as written against running services', async () => {
    const cwd = await workspace('remote');
    // As `finetune serve all --state-dir .` in that folder: the folder is the services' artifact root.
    nats = await startNatsServer({ storeDir: path.join(root, 'nats') });
    const args = ['--grpc-host=127.0.0.1', '--grpc-port=0', '--metrics-host=127.0.0.1', '--metrics-port=0'];
    // Each is recorded as it comes up, so afterAll stops it even if another fails to start.
    const started = await Promise.all(
      SERVICE_NAMES.map((name) => startServiceProcess(name, { args, env: { ...env, FINETUNE_NATS_URL: nats!.url, FINETUNE_STATE_DIR: cwd } }).then((s) => (services.push(s), s))),
    );
    const ports = Object.fromEntries(started.map((s) => [s.name, s.grpcPort])) as Ports;
    // The inference service loads an export when model.exported reaches it; classify asks once it has.
    const waitForModel = async (step: string) => {
      if (step === 'classify') await modelLoaded(ports.inference!, 'flowers', 60_000);
    };
    const steps = await runAll(blocks.find(isRemote)!, cwd, ports, waitForModel);
    expect(steps).toEqual(['prepare', 'train', 'eval', 'export', 'classify']);
  }, 240_000);
});

async function modelLoaded(port: number, name: string, timeoutMs: number): Promise<void> {
  const client = new (loadContracts().finetune.inference.v1.InferenceService)(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const got = await new Promise<inferenceV1.GetModelResponse__Output | undefined>((resolve) => client.GetModel({ served_model_name: name }, (err, res) => resolve(err ? undefined : res)));
      if (got && Number(got.model_version) >= 1) return;
      if (Date.now() > deadline) throw new Error(`the inference service did not load ${name} within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    client.close();
  }
}
