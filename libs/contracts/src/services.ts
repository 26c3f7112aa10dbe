// Fully-qualified names and RPC method names of every gRPC service in the contracts.
import type { ServiceDefinition } from '@grpc/grpc-js';
import type { DatasetServiceDefinition, DatasetServiceHandlers } from './generated/finetune/dataset/v1/DatasetService';
import type { EvaluatorServiceDefinition, EvaluatorServiceHandlers } from './generated/finetune/evaluator/v1/EvaluatorService';
import type { ExporterServiceDefinition, ExporterServiceHandlers } from './generated/finetune/exporter/v1/ExporterService';
import type { InferenceServiceDefinition, InferenceServiceHandlers } from './generated/finetune/inference/v1/InferenceService';
import type { TrainerServiceDefinition, TrainerServiceHandlers } from './generated/finetune/trainer/v1/TrainerService';
import type { HealthDefinition, HealthHandlers } from './generated/grpc/health/v1/Health';
import { UnknownServiceError } from './errors';
import { loadPackageDefinition } from './load-contracts';

/** Fully-qualified name of each service, by the short name the services and deploy files use. */
export const SERVICE_NAMES = Object.freeze({
  dataset: 'finetune.dataset.v1.DatasetService',
  evaluator: 'finetune.evaluator.v1.EvaluatorService',
  exporter: 'finetune.exporter.v1.ExporterService',
  health: 'grpc.health.v1.Health',
  inference: 'finetune.inference.v1.InferenceService',
  trainer: 'finetune.trainer.v1.TrainerService',
} as const);

/** Short name of a service: `dataset`, `trainer`, `evaluator`, `exporter`, `inference` or `health`. */
export type ServiceKey = keyof typeof SERVICE_NAMES;

/** Fully-qualified name of a service, e.g. `finetune.trainer.v1.TrainerService`; the runtime's ServiceName is the short one. */
export type QualifiedServiceName = (typeof SERVICE_NAMES)[ServiceKey];

interface ServiceTypes {
  dataset: { handlers: DatasetServiceHandlers; definition: DatasetServiceDefinition };
  evaluator: { handlers: EvaluatorServiceHandlers; definition: EvaluatorServiceDefinition };
  exporter: { handlers: ExporterServiceHandlers; definition: ExporterServiceDefinition };
  health: { handlers: HealthHandlers; definition: HealthDefinition };
  inference: { handlers: InferenceServiceHandlers; definition: InferenceServiceDefinition };
  trainer: { handlers: TrainerServiceHandlers; definition: TrainerServiceDefinition };
}

/** The generated server handler interface of a service (what `server.addService` takes). */
export type ServiceHandlers<S extends ServiceKey> = ServiceTypes[S]['handlers'];

/** The generated service definition type of a service. */
export type ServiceDefinitionOf<S extends ServiceKey> = ServiceTypes[S]['definition'];

// The generated handler interfaces extend grpc's index-signature type; this keeps only the named
// methods, so `ServiceMethodName<'trainer'>` is `'StartTraining' | 'GetJob' | ...` and not `string`.
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

/** Name of one RPC of a service as written in its .proto, e.g. `StartTraining`. */
export type ServiceMethodName<S extends ServiceKey> = NamedKeys<ServiceHandlers<S>> & string;

function serviceKeys(): ServiceKey[] {
  return Object.keys(SERVICE_NAMES) as ServiceKey[];
}

/** The loaded service definition of a service, ready for `server.addService(definition, handlers)`. */
export function serviceDefinition<S extends ServiceKey>(service: S): ServiceDefinitionOf<S> {
  const name: string | undefined = SERVICE_NAMES[service];
  if (name === undefined) throw new UnknownServiceError(service, serviceKeys());
  const definition = loadPackageDefinition()[name];
  // Message and enum entries carry a `format` field; a service definition is a map of methods.
  if (!definition || 'format' in definition) throw new UnknownServiceError(name, Object.values(SERVICE_NAMES));
  return definition as ServiceDefinition as ServiceDefinitionOf<S>;
}

/**
 * The RPC method names of a service in .proto order, read from the loaded contracts rather than
 * written by hand, so a server can register UNIMPLEMENTED for every RPC it does not handle yet.
 */
export function serviceMethodNames<S extends ServiceKey>(service: S): readonly ServiceMethodName<S>[] {
  return Object.keys(serviceDefinition(service)) as ServiceMethodName<S>[];
}
