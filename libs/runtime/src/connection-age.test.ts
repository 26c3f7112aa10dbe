// Scaled-out replicas get traffic: three inference servers (real gRPC on their own ports) join one name one
// after another, and a round-robin client that is never restarted reaches the newest through re-resolution.
import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContracts, loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { connectionAgeServerOptions, MAX_CONNECTION_AGE_GRACE_MS, MAX_CONNECTION_AGE_MS } from './connection-age';
import { startService, type RunningService } from './service';

const contracts = loadContracts();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A headless Service's DNS, as the client sees it: the ready replicas' addresses, read again only when the
// client asks (grpc-js's dns resolver re-resolves when a connection goes away, not on a timer).
const answers = new Map<string, number[]>();
class HeadlessDnsResolver implements grpc.experimental.Resolver {
  constructor(
    private readonly target: grpc.experimental.GrpcUri,
    private readonly listener: grpc.experimental.ResolverListener,
  ) {}
  updateResolution(): void {
    const ports = answers.get(this.target.path) ?? [];
    const endpoints = ports.map((port) => ({ addresses: [{ host: '127.0.0.1', port }] }));
    setImmediate(() => this.listener(grpc.experimental.statusOrFromValue(endpoints), {}, null, ''));
  }
  destroy(): void {}
  static getDefaultAuthority(target: grpc.experimental.GrpcUri): string {
    return target.path;
  }
}
grpc.experimental.registerResolver('headless-dns', HeadlessDnsResolver);

const running: RunningService[] = [];
const clients: grpc.Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** One inference replica whose GetModel names the replica, so the client can tell who answered. */
async function startReplica(replica: number, ageFlags: string[]): Promise<RunningService> {
  const service = await startService(
    {
      name: 'inference',
      packageDefinition: loadPackageDefinition(),
      options: {},
      async setup() {
        return { services: { [SERVICE_NAMES.inference]: { GetModel: async () => ({ served_model_name: `replica-${replica}` }) } } };
      },
    },
    ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', '--metrics-host=127.0.0.1', '--log-level=error', ...ageFlags],
    {},
  );
  running.push(service);
  return service;
}

/** Starts three replicas one after another under `name` while one client keeps calling; counts who answered. */
async function scaleOutUnderLoad(name: string, ageFlags: string[]): Promise<Map<string, number>> {
  answers.set(name, []);
  const client = new contracts.finetune.inference.v1.InferenceService(`headless-dns:${name}`, grpc.credentials.createInsecure(), {
    // A client of a scaled service retries UNAVAILABLE: a call that meets a GOAWAY in flight is refused, not lost.
    'grpc.service_config': JSON.stringify({
      loadBalancingConfig: [{ round_robin: {} }],
      methodConfig: [{ name: [{}], retryPolicy: { maxAttempts: 3, initialBackoff: '0.01s', maxBackoff: '0.1s', backoffMultiplier: 2, retryableStatusCodes: ['UNAVAILABLE'] } }],
    }),
  });
  clients.push(client);
  const answered = new Map<string, number>();
  const call = () =>
    new Promise<void>((resolve, reject) =>
      client.GetModel({}, { deadline: Date.now() + 5_000 }, (err, res) => {
        if (err) return reject(err);
        answered.set(res!.served_model_name, (answered.get(res!.served_model_name) ?? 0) + 1);
        resolve();
      }),
    );
  const callFor = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; ) {
      await call();
      await sleep(10);
    }
  };
  for (const replica of [1, 2, 3]) {
    const service = await startReplica(replica, ageFlags);
    answers.get(name)!.push(service.grpcPort); // ready: now in the DNS answer
    await callFor(400);
  }
  answered.clear(); // only what happens once all three are up
  await callFor(1_500);
  return answered;
}

describe('connection age', () => {
  it('connection age - defaults ask clients to reconnect every two minutes and let calls run for a day', () => {
    expect(connectionAgeServerOptions({ maxConnectionAgeMs: MAX_CONNECTION_AGE_MS, maxConnectionAgeGraceMs: MAX_CONNECTION_AGE_GRACE_MS })).toEqual({
      'grpc.max_connection_age_ms': 120_000,
      'grpc.max_connection_age_grace_ms': 86_400_000,
    });
    expect(connectionAgeServerOptions({ maxConnectionAgeMs: 0, maxConnectionAgeGraceMs: 5 })).toEqual({});
  });

  it('connection age - without it a client never leaves the replica it first reached', async () => {
    const answered = await scaleOutUnderLoad('inference-unaged', ['--max-connection-age-ms=0']);
    expect([...answered.keys()]).toEqual(['replica-1']);
  }, 20_000);

  it('connection age - the newest of three replicas started one after another gets calls from a client that was never restarted', async () => {
    const answered = await scaleOutUnderLoad('inference-aged', ['--max-connection-age-ms=300', '--max-connection-age-grace-ms=1000']);
    expect([...answered.keys()].sort()).toEqual(['replica-1', 'replica-2', 'replica-3']);
    // Round robin over all three: the newest takes a real share, not a stray call.
    const total = [...answered.values()].reduce((a, b) => a + b, 0);
    expect(answered.get('replica-3')!).toBeGreaterThan(total / 6);
  }, 20_000);
});
