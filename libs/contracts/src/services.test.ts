// Checks the service names and method lists against the loaded contracts.
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { UnknownServiceError } from './errors';
import type { GetJobResponse__Output } from './generated/finetune/trainer/v1/GetJobResponse';
import { loadContracts, loadPackageDefinition } from './load-contracts';
import {
  SERVICE_NAMES,
  serviceDefinition,
  serviceMethodNames,
  type ServiceHandlers,
  type ServiceKey,
  type ServiceMethodName,
} from './services';

describe('services', () => {
  it('services - SERVICE_NAMES names exactly the services the protos define', () => {
    const defined = Object.entries(loadPackageDefinition())
      .filter(([, definition]) => !('format' in definition))
      .map(([name]) => name)
      .sort();
    expect(Object.values(SERVICE_NAMES).sort()).toEqual(defined);
  });

  it('services - method names come from the .proto in declaration order', () => {
    const trainer: readonly ServiceMethodName<'trainer'>[] = serviceMethodNames('trainer');
    expect(trainer).toEqual(['StartTraining', 'GetJob', 'ListJobs', 'StopJob', 'WatchJob']);
    expect(serviceMethodNames('dataset')).toEqual(['ConvertDataset', 'GetDataset', 'ListDatasets']);
    expect(serviceMethodNames('evaluator')).toEqual(['Evaluate', 'ListEvaluations']);
    expect(serviceMethodNames('exporter')).toEqual(['Export', 'ListModels']);
    expect(serviceMethodNames('inference')).toEqual(['Classify', 'ClassifyBatch', 'ClassifyStream', 'GetModel']);
    expect(serviceMethodNames('health')).toEqual(['Check', 'Watch']);
  });

  it('services - a definition carries each method path and streaming kind', () => {
    const inference = serviceDefinition('inference');
    expect(inference.ClassifyStream.path).toBe('/finetune.inference.v1.InferenceService/ClassifyStream');
    expect([inference.ClassifyStream.requestStream, inference.ClassifyStream.responseStream]).toEqual([true, true]);
    expect(serviceDefinition('trainer').WatchJob.responseStream).toBe(true);
  });

  it('services - an unknown service key is a typed error naming the known ones', () => {
    expect(() => serviceMethodNames('trainr' as ServiceKey)).toThrow(UnknownServiceError);
    expect(() => serviceMethodNames('trainr' as ServiceKey)).toThrow(/trainr.*dataset, evaluator/);
  });

  it('services - a server built from serviceDefinition answers a typed client, UNIMPLEMENTED for the rest', async () => {
    const unimplemented: grpc.UntypedServiceImplementation = {};
    for (const method of serviceMethodNames('trainer')) {
      unimplemented[method] = (_call: unknown, callback: grpc.sendUnaryData<never>) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: `${method} is not built yet` });
    }
    const handlers: Pick<ServiceHandlers<'trainer'>, 'GetJob'> = {
      GetJob: (call, callback) => callback(null, { job: { job_id: call.request.job_id, state: 'JOB_STATE_RUNNING' } }),
    };
    const server = new grpc.Server();
    server.addService(serviceDefinition('trainer'), { ...unimplemented, ...handlers });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const client = new (loadContracts().finetune.trainer.v1.TrainerService)(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const job = await new Promise<GetJobResponse__Output | undefined>((resolve, reject) =>
        client.GetJob({ job_id: 'job-1' }, (error, response) => (error ? reject(error) : resolve(response))),
      );
      expect(job?.job?.job_id).toBe('job-1');
      expect(job?.job?.state).toBe('JOB_STATE_RUNNING');
      const stopError = await new Promise<grpc.ServiceError | null>((resolve) => client.StopJob({ job_id: 'job-1' }, (error) => resolve(error)));
      expect(stopError?.code).toBe(grpc.status.UNIMPLEMENTED);
    } finally {
      client.close();
      server.forceShutdown();
    }
  });
});
