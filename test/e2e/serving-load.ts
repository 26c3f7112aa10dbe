// Load on one inference server for the live-swap test: four clients calling Classify back to back, each call's
// latency and answering version recorded, every failure kept, until the test stops them.
import type * as grpc from '@grpc/grpc-js';
import type { inferenceV1 } from '@finetune/contracts';
import { unary } from './serving-fixtures';

export interface Latency {
  ms: number;
  /** The model version that answered. */
  version: string;
  /** When it answered, as Date.now(). */
  at: number;
}

export interface ClassifyLoad {
  /** When the clients began, as Date.now(). */
  readonly started: number;
  readonly latencies: Latency[];
  readonly failures: unknown[];
  /** Lets every call in flight finish, then resolves. */
  stop(): Promise<void>;
}

export function classifyLoad(client: grpc.Client, image: Buffer, clients = 4): ClassifyLoad {
  const latencies: Latency[] = [];
  const failures: unknown[] = [];
  let stopping = false;
  const started = Date.now();
  const worker = async () => {
    while (!stopping) {
      const t0 = performance.now();
      try {
        const r = await unary<inferenceV1.ClassifyRequest, inferenceV1.ClassifyResponse__Output>(client, 'Classify', { image, top_k: 1 });
        latencies.push({ ms: performance.now() - t0, version: r.model_version, at: Date.now() });
      } catch (err) {
        failures.push(err);
      }
    }
  };
  const workers = Array.from({ length: clients }, worker);
  return {
    started,
    latencies,
    failures,
    stop: async () => {
      stopping = true;
      await Promise.all(workers);
    },
  };
}
