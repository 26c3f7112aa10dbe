// Loads every contract once with the shared options and types the result with the generated ProtoGrpcTypes.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType as DatasetProtoGrpcType } from './generated/dataset';
import type { ProtoGrpcType as EvaluatorProtoGrpcType } from './generated/evaluator';
import type { ProtoGrpcType as ExporterProtoGrpcType } from './generated/exporter';
import type { ProtoGrpcType as HealthProtoGrpcType } from './generated/health';
import type { ProtoGrpcType as InferenceProtoGrpcType } from './generated/inference';
import type { ProtoGrpcType as TrainerProtoGrpcType } from './generated/trainer';
import { PROTO_LOADER_OPTIONS } from './proto-loader-options';
import { PROTO_FILES } from './proto-files';

export type {
  DatasetProtoGrpcType,
  EvaluatorProtoGrpcType,
  ExporterProtoGrpcType,
  HealthProtoGrpcType,
  InferenceProtoGrpcType,
  TrainerProtoGrpcType,
};

/**
 * The whole contract tree as grpc.loadPackageDefinition returns it: `finetune.trainer.v1.TrainerService`
 * is a client constructor with `.service`, messages and enums are type definitions. The events and
 * common packages are covered through the service files that import them.
 */
export type ContractsGrpcType = DatasetProtoGrpcType &
  EvaluatorProtoGrpcType &
  ExporterProtoGrpcType &
  HealthProtoGrpcType &
  InferenceProtoGrpcType &
  TrainerProtoGrpcType;

let packageDefinition: protoLoader.PackageDefinition | undefined;

/**
 * The package definition of every .proto file (health included), parsed on first use and shared
 * afterwards; keys are fully-qualified names such as `finetune.trainer.v1.TrainerService`.
 */
export function loadPackageDefinition(): protoLoader.PackageDefinition {
  packageDefinition ??= protoLoader.loadSync([...PROTO_FILES], PROTO_LOADER_OPTIONS);
  return packageDefinition;
}

/** Every contract as gRPC client constructors and service definitions, typed by the generated code. */
export function loadContracts(): ContractsGrpcType {
  // loadPackageDefinition is untyped (GrpcObject); the generated ProtoGrpcType describes the same
  // tree for these protos and options, which the contracts tests check.
  return grpc.loadPackageDefinition(loadPackageDefinition()) as unknown as ContractsGrpcType;
}
