// Original file: proto/finetune/dataset/v1/dataset.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConvertDatasetRequest as _finetune_dataset_v1_ConvertDatasetRequest, ConvertDatasetRequest__Output as _finetune_dataset_v1_ConvertDatasetRequest__Output } from '../../../finetune/dataset/v1/ConvertDatasetRequest';
import type { ConvertDatasetResponse as _finetune_dataset_v1_ConvertDatasetResponse, ConvertDatasetResponse__Output as _finetune_dataset_v1_ConvertDatasetResponse__Output } from '../../../finetune/dataset/v1/ConvertDatasetResponse';
import type { GetDatasetRequest as _finetune_dataset_v1_GetDatasetRequest, GetDatasetRequest__Output as _finetune_dataset_v1_GetDatasetRequest__Output } from '../../../finetune/dataset/v1/GetDatasetRequest';
import type { GetDatasetResponse as _finetune_dataset_v1_GetDatasetResponse, GetDatasetResponse__Output as _finetune_dataset_v1_GetDatasetResponse__Output } from '../../../finetune/dataset/v1/GetDatasetResponse';
import type { ListDatasetsRequest as _finetune_dataset_v1_ListDatasetsRequest, ListDatasetsRequest__Output as _finetune_dataset_v1_ListDatasetsRequest__Output } from '../../../finetune/dataset/v1/ListDatasetsRequest';
import type { ListDatasetsResponse as _finetune_dataset_v1_ListDatasetsResponse, ListDatasetsResponse__Output as _finetune_dataset_v1_ListDatasetsResponse__Output } from '../../../finetune/dataset/v1/ListDatasetsResponse';

/**
 * Converts image folders to TFRecord shards (`<name>_train_00000-of-00002.tfrecord`) plus `label.txt`,
 * and serves the manifests that replace the reference's hand-written dataset file.
 */
export interface DatasetServiceClient extends grpc.Client {
  /**
   * Converts one dataset. Streams progress messages, then exactly one result as the last message; a
   * bad input (missing folder, empty class, class in validation but not in train) fails the call
   * with INVALID_ARGUMENT before anything is written.
   */
  ConvertDataset(argument: _finetune_dataset_v1_ConvertDatasetRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_dataset_v1_ConvertDatasetResponse__Output>;
  ConvertDataset(argument: _finetune_dataset_v1_ConvertDatasetRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_dataset_v1_ConvertDatasetResponse__Output>;
  /**
   * Converts one dataset. Streams progress messages, then exactly one result as the last message; a
   * bad input (missing folder, empty class, class in validation but not in train) fails the call
   * with INVALID_ARGUMENT before anything is written.
   */
  convertDataset(argument: _finetune_dataset_v1_ConvertDatasetRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_dataset_v1_ConvertDatasetResponse__Output>;
  convertDataset(argument: _finetune_dataset_v1_ConvertDatasetRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_dataset_v1_ConvertDatasetResponse__Output>;
  
  /**
   * Returns the manifest of one converted dataset, found by directory or by name.
   */
  GetDataset(argument: _finetune_dataset_v1_GetDatasetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  GetDataset(argument: _finetune_dataset_v1_GetDatasetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  GetDataset(argument: _finetune_dataset_v1_GetDatasetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  GetDataset(argument: _finetune_dataset_v1_GetDatasetRequest, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns the manifest of one converted dataset, found by directory or by name.
   */
  getDataset(argument: _finetune_dataset_v1_GetDatasetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  getDataset(argument: _finetune_dataset_v1_GetDatasetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  getDataset(argument: _finetune_dataset_v1_GetDatasetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  getDataset(argument: _finetune_dataset_v1_GetDatasetRequest, callback: grpc.requestCallback<_finetune_dataset_v1_GetDatasetResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the manifests of every converted dataset the service knows.
   */
  ListDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  ListDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  ListDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  ListDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the manifests of every converted dataset the service knows.
   */
  listDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  listDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  listDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  listDatasets(argument: _finetune_dataset_v1_ListDatasetsRequest, callback: grpc.requestCallback<_finetune_dataset_v1_ListDatasetsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Converts image folders to TFRecord shards (`<name>_train_00000-of-00002.tfrecord`) plus `label.txt`,
 * and serves the manifests that replace the reference's hand-written dataset file.
 */
export interface DatasetServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Converts one dataset. Streams progress messages, then exactly one result as the last message; a
   * bad input (missing folder, empty class, class in validation but not in train) fails the call
   * with INVALID_ARGUMENT before anything is written.
   */
  ConvertDataset: grpc.handleServerStreamingCall<_finetune_dataset_v1_ConvertDatasetRequest__Output, _finetune_dataset_v1_ConvertDatasetResponse>;
  
  /**
   * Returns the manifest of one converted dataset, found by directory or by name.
   */
  GetDataset: grpc.handleUnaryCall<_finetune_dataset_v1_GetDatasetRequest__Output, _finetune_dataset_v1_GetDatasetResponse>;
  
  /**
   * Lists the manifests of every converted dataset the service knows.
   */
  ListDatasets: grpc.handleUnaryCall<_finetune_dataset_v1_ListDatasetsRequest__Output, _finetune_dataset_v1_ListDatasetsResponse>;
  
}

export interface DatasetServiceDefinition extends grpc.ServiceDefinition {
  ConvertDataset: MethodDefinition<_finetune_dataset_v1_ConvertDatasetRequest, _finetune_dataset_v1_ConvertDatasetResponse, _finetune_dataset_v1_ConvertDatasetRequest__Output, _finetune_dataset_v1_ConvertDatasetResponse__Output>
  GetDataset: MethodDefinition<_finetune_dataset_v1_GetDatasetRequest, _finetune_dataset_v1_GetDatasetResponse, _finetune_dataset_v1_GetDatasetRequest__Output, _finetune_dataset_v1_GetDatasetResponse__Output>
  ListDatasets: MethodDefinition<_finetune_dataset_v1_ListDatasetsRequest, _finetune_dataset_v1_ListDatasetsResponse, _finetune_dataset_v1_ListDatasetsRequest__Output, _finetune_dataset_v1_ListDatasetsResponse__Output>
}
