// Server streams on shutdown, over a real socket: the runtime no longer ends them OK from outside; a handler
// finishes its answer (a conversion's result) or ends with its own status.
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { loadContracts, loadPackageDefinition, SERVICE_NAMES } from '@finetune/contracts';
import { startService } from './service';

const contracts = loadContracts();

describe('stream shutdown', () => {
  it('service - a server stream in flight at shutdown sends its last answer before it ends OK', async () => {
    let began!: () => void;
    const started = new Promise<void>((r) => (began = r));
    const service = await startService(
      {
        name: 'dataset',
        packageDefinition: loadPackageDefinition(),
        options: {},
        async setup({ shutdown }) {
          return {
            services: {
              [SERVICE_NAMES.dataset]: {
                // As ConvertDataset: progress, then (after shutdown began) the result that answers the request.
                ConvertDataset: async (_request: unknown, call: grpc.ServerWritableStream<unknown, unknown>) => {
                  call.write({ progress: { split_name: 'train', images_done: 1, images_total: 2 } });
                  began();
                  await new Promise<void>((r) => shutdown.addEventListener('abort', () => r(), { once: true }));
                  await new Promise((r) => setTimeout(r, 300));
                  call.write({ result: { elapsed_secs: 1 } });
                },
              },
            },
          };
        },
      },
      ['--grpc-port=0', '--metrics-port=0', '--log-level=error'],
      {},
    );
    const client = new contracts.finetune.dataset.v1.DatasetService(`127.0.0.1:${service.grpcPort}`, grpc.credentials.createInsecure());
    const messages: Array<Record<string, unknown>> = [];
    const call = client.ConvertDataset({ dataset_name: 'x' });
    const status = new Promise<grpc.StatusObject>((resolve) => {
      call.on('data', (m: Record<string, unknown>) => messages.push(m));
      call.on('status', resolve);
      call.on('error', () => undefined);
    });
    await started;
    await service.stop();
    expect((await status).code).toBe(grpc.status.OK);
    expect(messages.map((m) => Object.keys(m).find((k) => m[k]))).toEqual(['progress', 'result']);
    client.close();
  });
});
