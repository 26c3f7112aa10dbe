// Checks that every contract loads with the runtime options and decodes the way the generated types say.
import * as protoLoader from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import type { ConvertDatasetResponse__Output } from './generated/finetune/dataset/v1/ConvertDatasetResponse';
import type { StartTrainingRequest, StartTrainingRequest__Output } from './generated/finetune/trainer/v1/StartTrainingRequest';
import { loadContracts, loadPackageDefinition } from './load-contracts';
import { PROTO_LOADER_OPTIONS } from './proto-loader-options';
import { PROTO_FILES } from './proto-files';

describe('load contracts', () => {
  it('load contracts - PROTO_FILES lists the service, event, common and health files, sorted', () => {
    expect([...PROTO_FILES]).toEqual([...PROTO_FILES].sort());
    expect(PROTO_FILES).toEqual(
      expect.arrayContaining([
        'finetune/dataset/v1/dataset.proto',
        'finetune/evaluator/v1/evaluator.proto',
        'finetune/events/v1/events.proto',
        'finetune/exporter/v1/exporter.proto',
        'finetune/inference/v1/inference.proto',
        'finetune/trainer/v1/trainer.proto',
        'grpc/health/v1/health.proto',
      ]),
    );
  });

  it('load contracts - every proto file loads on its own with PROTO_LOADER_OPTIONS', () => {
    for (const file of PROTO_FILES) {
      const definition = protoLoader.loadSync(file, PROTO_LOADER_OPTIONS);
      expect(Object.keys(definition).length, file).toBeGreaterThan(0);
    }
  });

  it('load contracts - loadContracts gives a client constructor and service definition per service', () => {
    const contracts = loadContracts();
    const clients = [
      contracts.finetune.dataset.v1.DatasetService,
      contracts.finetune.trainer.v1.TrainerService,
      contracts.finetune.evaluator.v1.EvaluatorService,
      contracts.finetune.exporter.v1.ExporterService,
      contracts.finetune.inference.v1.InferenceService,
      contracts.grpc.health.v1.Health,
    ];
    for (const client of clients) {
      expect(typeof client).toBe('function');
      expect(Object.keys(client.service).length).toBeGreaterThan(0);
    }
    // Message-only packages are reachable through the services that import them.
    expect(contracts.finetune.events.v1.CheckpointSaved.format).toBe('Protocol Buffer 3 DescriptorProto');
    expect(contracts.finetune.common.v1.JobState.format).toBe('Protocol Buffer 3 EnumDescriptorProto');
  });

  it('load contracts - the package definition is parsed once and shared', () => {
    expect(loadPackageDefinition()).toBe(loadPackageDefinition());
  });

  it('load contracts - decoding fills defaults, keeps int64 as strings, enums as names and absent optionals absent', () => {
    const method = loadContracts().finetune.trainer.v1.TrainerService.service.StartTraining;
    const sent: StartTrainingRequest = {
      config: { train_dir: '/tmp/train', max_number_of_steps: '9007199254740993', optimizer: 'OPTIMIZER_ADAM', adam_beta1: 0 },
    };
    const received: StartTrainingRequest__Output = method.requestDeserialize(method.requestSerialize(sent));
    const config = received.config;
    expect(config?.train_dir).toBe('/tmp/train');
    expect(config?.max_number_of_steps).toBe('9007199254740993');
    expect(config?.optimizer).toBe('OPTIMIZER_ADAM');
    expect(config?.learning_rate_decay_type).toBe('LEARNING_RATE_DECAY_TYPE_UNSPECIFIED');
    expect(config?.batch_size).toBe(0);
    expect(config?.checkpoint_exclude_scopes).toEqual([]);
    // An optional set to its zero value is present; one never set is absent, meaning "reference default".
    expect(config?.adam_beta1).toBe(0);
    expect(config?._adam_beta1).toBe('adam_beta1');
    expect(config?.weight_decay).toBeUndefined();
    expect(config?._weight_decay).toBeUndefined();
  });

  it('load contracts - a oneof names its set member', () => {
    const method = loadContracts().finetune.dataset.v1.DatasetService.service.ConvertDataset;
    const bytes = method.responseSerialize({ progress: { split_name: 'train', images_done: 3, images_total: 10 } });
    const received: ConvertDatasetResponse__Output = method.responseDeserialize(bytes);
    expect(received.update).toBe('progress');
    expect(received.progress?.images_done).toBe('3');
    expect(received.result).toBeUndefined();
  });
});
