// Public API of @finetune/contracts: the .proto files, how to load them, their generated types, service names and event subjects.
export { PROTO_FILES, PROTO_ROOT } from './proto-files';
export { PROTO_LOADER_OPTIONS } from './proto-loader-options';
export { loadContracts, loadPackageDefinition } from './load-contracts';
export type {
  ContractsGrpcType,
  DatasetProtoGrpcType,
  EvaluatorProtoGrpcType,
  ExporterProtoGrpcType,
  HealthProtoGrpcType,
  InferenceProtoGrpcType,
  TrainerProtoGrpcType,
} from './load-contracts';
export { SERVICE_NAMES, serviceDefinition, serviceMethodNames } from './services';
export type { ServiceDefinitionOf, ServiceHandlers, ServiceKey, ServiceMethodName, QualifiedServiceName } from './services';
export { FINETUNE_EVENTS } from './event-subjects';
export type { FinetuneEventInput, FinetuneEventName, FinetuneEventOutput, FinetuneEventSubject } from './event-subjects';
export { ContractGenerationError, UnknownServiceError } from './errors';
export * as commonV1 from './generated/finetune/common/v1/index';
export * as datasetV1 from './generated/finetune/dataset/v1/index';
export * as evaluatorV1 from './generated/finetune/evaluator/v1/index';
export * as eventsV1 from './generated/finetune/events/v1/index';
export * as exporterV1 from './generated/finetune/exporter/v1/index';
export * as healthV1 from './generated/grpc/health/v1/index';
export * as inferenceV1 from './generated/finetune/inference/v1/index';
export * as trainerV1 from './generated/finetune/trainer/v1/index';
export type { Timestamp, Timestamp__Output } from './generated/google/protobuf/Timestamp';
export { toTimestamp } from './timestamp';
