// The stack the serving end-to-end test runs against: real nats-server -js, the exporter, and one inference
// process per runtime (ONNX Runtime, the default; TF.js on worker threads), over a train dir of two checkpoints.
// Started once for the whole file: the tests follow one another through its versions (none, 1, 2).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll } from 'vitest';
import { loadContracts, SERVICE_NAMES, type exporterV1 } from '@finetune/contracts';
import { startNatsServer, startServiceProcess, type NatsServerProcess, type ServiceProcess } from '@finetune/runtime';
import { testJpeg, unary, writeCheckpoint } from './serving-fixtures';

export const contracts = loadContracts();
export const LABELS = ['water', 'ice', 'sand'];
export const IMAGE_SIZE = 64;
export const MAX_MESSAGE_BYTES = 1_000_000;
export const env = { FINETUNE_BACKEND: 'wasm' };
export const RUNTIMES = ['onnx', 'tfjs'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** Flags every service process of the stack takes: ports of the OS's choosing, on loopback, one state dir. */
const localFlags = (dir: string) => ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', '--metrics-host=127.0.0.1', `--state-dir=${dir}`];

/** Non-JSON stderr of a service is a crash's stack trace: show it, the ready-timeout message only has the last line. */
const showCrash = (line: string) => {
  if (!line.startsWith('{')) console.error(`inference: ${line}`);
};

export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export class ServingStack {
  dir!: string;
  nats!: NatsServerProcess;
  exporter!: ServiceProcess;
  readonly inference = {} as Record<Runtime, ServiceProcess>;
  /** The image most calls classify. */
  image!: Buffer;
  private readonly processes: ServiceProcess[] = [];
  private readonly clients: grpc.Client[] = [];

  trainDir = () => path.join(this.dir, 'train', 'job-1');
  datasetDir = () => path.join(this.dir, 'datasets', 'flowers');
  repository = () => path.join(this.dir, 'models');

  async start(): Promise<void> {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-serving-'));
    mkdirSync(this.datasetDir(), { recursive: true });
    writeFileSync(path.join(this.datasetDir(), 'label.txt'), `${LABELS.join('\n')}\n`);
    await writeCheckpoint(this.trainDir(), 0, LABELS);
    await writeCheckpoint(this.trainDir(), 100, LABELS);
    this.image = await testJpeg(80, 1);
    this.nats = await startNatsServer({ storeDir: path.join(this.dir, 'nats') });
    const common = localFlags(this.dir);
    const serving = ['--poll-interval-secs=0', '--max-queue-delay-ms=2', `--max-message-bytes=${MAX_MESSAGE_BYTES}`, '--max-image-pixels=250000'];
    const withNats = { ...env, FINETUNE_NATS_URL: this.nats.url };
    [this.exporter, this.inference.onnx, this.inference.tfjs] = await Promise.all([
      startServiceProcess('exporter', { args: common, env: withNats }),
      // No repository polling: a new version must arrive through model.exported. TF.js on two model workers,
      // whatever the machine, so the pooled path (and a swap between pools) is exercised too.
      startServiceProcess('inference', { args: [...common, ...serving, '--runtime=onnx', '--onnx-threads=2'], env: withNats, echo: showCrash }),
      startServiceProcess('inference', { args: [...common, ...serving, '--runtime=tfjs', '--model-workers=2'], env: withNats, echo: showCrash }),
    ]);
    this.processes.push(this.exporter, this.inference.onnx, this.inference.tfjs);
  }

  /**
   * One more inference process on the stack's repository, with `args` after the common flags. It has no NATS:
   * it serves what it finds in the repository when it starts. Stopped with the stack.
   */
  async startReplica(args: string[] = []): Promise<ServiceProcess> {
    const replica = await startServiceProcess('inference', { args: [...localFlags(this.dir), '--poll-interval-secs=0', ...args], env, echo: showCrash });
    this.processes.push(replica);
    return replica;
  }

  async stop(): Promise<void> {
    for (const c of this.clients) c.close();
    await Promise.all(this.processes.map((p) => p.stop()));
    await this.nats?.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** An InferenceService client at `address`, closed with the stack. */
  inferenceClient(address: string, options: grpc.ClientOptions = {}): grpc.Client {
    return this.closedWithStack(new contracts.finetune.inference.v1.InferenceService(address, grpc.credentials.createInsecure(), options));
  }

  /** A client made elsewhere, closed with the stack. */
  closedWithStack<C extends grpc.Client>(client: C): C {
    this.clients.push(client);
    return client;
  }

  async health(port: number, service: string = SERVICE_NAMES.inference): Promise<string> {
    const client = new contracts.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      return String((await unary<{ service: string }, { status: string }>(client, 'Check', { service })).status);
    } finally {
      client.close();
    }
  }

  /**
   * The statuses a health Watch on `port` reports, appended as they come. The Watch cancels itself at NOT_SERVING:
   * it never ends by itself, and left open it would hold the server's graceful shutdown.
   */
  watchHealth(port: number, service: string = SERVICE_NAMES.inference): string[] {
    type Health = { Watch(r: { service: string }): grpc.ClientReadableStream<{ status: string }> };
    const client = this.closedWithStack(new contracts.grpc.health.v1.Health(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
    const watch = (client as unknown as Health).Watch({ service });
    const statuses: string[] = [];
    watch.on('data', (m) => {
      statuses.push(String(m.status));
      if (m.status === 'NOT_SERVING') watch.cancel();
    });
    watch.on('error', () => undefined);
    return statuses;
  }

  /** Export over the exporter's gRPC API: the stack's job, model and dataset unless `request` says otherwise. */
  exportVersion(request: Partial<exporterV1.ExportRequest>): Promise<exporterV1.ExportResponse__Output> {
    const client = this.closedWithStack(new contracts.finetune.exporter.v1.ExporterService(`127.0.0.1:${this.exporter.grpcPort}`, grpc.credentials.createInsecure()));
    return unary(client, 'Export', {
      train_dir: this.trainDir(),
      job_id: 'job-1',
      model_name: 'mobilenet_v2',
      dataset_dir: this.datasetDir(),
      image_size: IMAGE_SIZE,
      served_model_name: 'flowers',
      ...request,
    });
  }
}

/** The stack, started before the file's tests and stopped after them. */
export function useServingStack(): ServingStack {
  const stack = new ServingStack();
  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop());
  return stack;
}
