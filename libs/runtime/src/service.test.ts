// The runtime in one process: graceful shutdown lets an in-flight call finish, and typed errors reach the client as codes.
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { loadContracts, loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { FinetuneError } from './errors';
import { startService } from './service';

const contracts = loadContracts();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(handlers: Record<string, (req: unknown) => Promise<unknown>>) {
  return startService(
    {
      name: 'trainer',
      packageDefinition: loadPackageDefinition(),
      options: {},
      async setup() {
        return { services: { [SERVICE_NAMES.trainer]: handlers } };
      },
    },
    ['--grpc-port=0', '--metrics-port=0', '--grpc-host=127.0.0.1', '--metrics-host=127.0.0.1', '--log-level=error'],
    {},
  );
}

describe('service runtime', () => {
  it('service - shutdown waits for an in-flight call to finish, then refuses new ones', async () => {
    const service = await start({
      GetJob: async () => {
        await sleep(600);
        return { job: { job_id: 'j1' } };
      },
    });
    const client = new contracts.finetune.trainer.v1.TrainerService(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
    const inFlight = new Promise<{ err: grpc.ServiceError | null; id?: string }>((resolve) =>
      client.GetJob({ job_id: 'j1' }, (err, res) => resolve({ err, id: res?.job?.job_id })),
    );
    await sleep(150);
    const t0 = Date.now();
    await service.stop();
    const result = await inFlight;
    expect(result.err).toBeNull();
    expect(result.id).toBe('j1');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300); // stop really waited for the call
    const after = await new Promise<grpc.ServiceError | null>((resolve) => client.GetJob({ job_id: 'j1' }, { deadline: Date.now() + 2000 }, (err) => resolve(err)));
    expect(after?.code).toBe(grpc.status.UNAVAILABLE);
    client.close();
  });

  it('service - server reflection lists only the services this port serves, and health', async () => {
    const service = await start({});
    const reflection = new (grpc.makeGenericClientConstructor({}, ''))(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
    // A raw ServerReflectionInfo call: list_services is field 7 (a string); the answer lists the names.
    const call = reflection.makeBidiStreamRequest('/grpc.reflection.v1.ServerReflection/ServerReflectionInfo', (req: Buffer) => req, (res: Buffer) => res);
    const answer = await new Promise<string>((resolve, reject) => {
      call.on('data', (buf: Buffer) => {
        resolve(buf.toString('latin1'));
        call.end();
      });
      call.on('error', reject);
      call.write(Buffer.from([0x3a, 0x00]));
    });
    reflection.close();
    await service.stop();
    expect(answer).toContain(SERVICE_NAMES.trainer);
    expect(answer).toContain('grpc.health.v1.Health');
    for (const other of [SERVICE_NAMES.dataset, SERVICE_NAMES.evaluator, SERVICE_NAMES.exporter, SERVICE_NAMES.inference]) expect(answer).not.toContain(other);
  });

  it('service - a typed error becomes its status code with the message as details', async () => {
    const service = await start({
      GetJob: async () => {
        throw new FinetuneError('not-found', 'no job "nope"; list jobs with ListJobs');
      },
    });
    const client = new contracts.finetune.trainer.v1.TrainerService(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
    const err = await new Promise<grpc.ServiceError | null>((resolve) => client.GetJob({ job_id: 'nope' }, (e) => resolve(e)));
    expect(err?.code).toBe(grpc.status.NOT_FOUND);
    expect(err?.details).toBe('no job "nope"; list jobs with ListJobs');
    client.close();
    await service.stop();
  });

  it('service - an RPC without a handler answers UNIMPLEMENTED, naming it', async () => {
    const service = await start({});
    const client = new contracts.finetune.trainer.v1.TrainerService(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
    const err = await new Promise<grpc.ServiceError | null>((resolve) => client.ListJobs({}, (e) => resolve(e)));
    expect(err?.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(err?.details).toBe('finetune.trainer.v1.TrainerService.ListJobs is not built yet');
    client.close();
    await service.stop();
  });

  it('service - shutdown ends open health Watch streams instead of waiting out the grace period', async () => {
    const service = await start({});
    const health = new contracts.grpc.health.v1.Health(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
    const seen: string[] = [];
    const watch = health.Watch({ service: '' });
    const ended = new Promise<void>((resolve) => {
      watch.on('data', (r: { status: string }) => seen.push(String(r.status)));
      watch.on('end', () => resolve());
      watch.on('error', () => resolve());
    });
    await sleep(200);
    const t0 = Date.now();
    await service.stop();
    await ended;
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(seen).toEqual(['SERVING', 'NOT_SERVING']);
    health.close();
  });

  it('service - a handler for an RPC the contract does not have is refused at start', async () => {
    await expect(start({ GetJobb: async () => ({}) })).rejects.toThrowError(/has no RPC named GetJobb/);
  });
});
