// Original file: proto/finetune/exporter/v1/exporter.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ExportRequest as _finetune_exporter_v1_ExportRequest, ExportRequest__Output as _finetune_exporter_v1_ExportRequest__Output } from '../../../finetune/exporter/v1/ExportRequest';
import type { ExportResponse as _finetune_exporter_v1_ExportResponse, ExportResponse__Output as _finetune_exporter_v1_ExportResponse__Output } from '../../../finetune/exporter/v1/ExportResponse';
import type { ListModelsRequest as _finetune_exporter_v1_ListModelsRequest, ListModelsRequest__Output as _finetune_exporter_v1_ListModelsRequest__Output } from '../../../finetune/exporter/v1/ListModelsRequest';
import type { ListModelsResponse as _finetune_exporter_v1_ListModelsResponse, ListModelsResponse__Output as _finetune_exporter_v1_ListModelsResponse__Output } from '../../../finetune/exporter/v1/ListModelsResponse';

/**
 * Turns a checkpoint into a served model: graph, weights, labels, input size and preprocessing in one
 * directory of a model repository, so nothing else is needed to serve it.
 */
export interface ExporterServiceClient extends grpc.Client {
  /**
   * Exports one checkpoint as the next version of a served model; no checkpoint matching the
   * selector is NOT_FOUND, best-by-accuracy with no evaluation yet is FAILED_PRECONDITION.
   */
  Export(argument: _finetune_exporter_v1_ExportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  Export(argument: _finetune_exporter_v1_ExportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  Export(argument: _finetune_exporter_v1_ExportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  Export(argument: _finetune_exporter_v1_ExportRequest, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Exports one checkpoint as the next version of a served model; no checkpoint matching the
   * selector is NOT_FOUND, best-by-accuracy with no evaluation yet is FAILED_PRECONDITION.
   */
  export(argument: _finetune_exporter_v1_ExportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  export(argument: _finetune_exporter_v1_ExportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  export(argument: _finetune_exporter_v1_ExportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  export(argument: _finetune_exporter_v1_ExportRequest, callback: grpc.requestCallback<_finetune_exporter_v1_ExportResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the exported models and their versions.
   */
  ListModels(argument: _finetune_exporter_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _finetune_exporter_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _finetune_exporter_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  ListModels(argument: _finetune_exporter_v1_ListModelsRequest, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the exported models and their versions.
   */
  listModels(argument: _finetune_exporter_v1_ListModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _finetune_exporter_v1_ListModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _finetune_exporter_v1_ListModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  listModels(argument: _finetune_exporter_v1_ListModelsRequest, callback: grpc.requestCallback<_finetune_exporter_v1_ListModelsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Turns a checkpoint into a served model: graph, weights, labels, input size and preprocessing in one
 * directory of a model repository, so nothing else is needed to serve it.
 */
export interface ExporterServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Exports one checkpoint as the next version of a served model; no checkpoint matching the
   * selector is NOT_FOUND, best-by-accuracy with no evaluation yet is FAILED_PRECONDITION.
   */
  Export: grpc.handleUnaryCall<_finetune_exporter_v1_ExportRequest__Output, _finetune_exporter_v1_ExportResponse>;
  
  /**
   * Lists the exported models and their versions.
   */
  ListModels: grpc.handleUnaryCall<_finetune_exporter_v1_ListModelsRequest__Output, _finetune_exporter_v1_ListModelsResponse>;
  
}

export interface ExporterServiceDefinition extends grpc.ServiceDefinition {
  Export: MethodDefinition<_finetune_exporter_v1_ExportRequest, _finetune_exporter_v1_ExportResponse, _finetune_exporter_v1_ExportRequest__Output, _finetune_exporter_v1_ExportResponse__Output>
  ListModels: MethodDefinition<_finetune_exporter_v1_ListModelsRequest, _finetune_exporter_v1_ListModelsResponse, _finetune_exporter_v1_ListModelsRequest__Output, _finetune_exporter_v1_ListModelsResponse__Output>
}
