// Original file: proto/finetune/inference/v1/inference.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ClassifyBatchRequest as _finetune_inference_v1_ClassifyBatchRequest, ClassifyBatchRequest__Output as _finetune_inference_v1_ClassifyBatchRequest__Output } from '../../../finetune/inference/v1/ClassifyBatchRequest';
import type { ClassifyBatchResponse as _finetune_inference_v1_ClassifyBatchResponse, ClassifyBatchResponse__Output as _finetune_inference_v1_ClassifyBatchResponse__Output } from '../../../finetune/inference/v1/ClassifyBatchResponse';
import type { ClassifyRequest as _finetune_inference_v1_ClassifyRequest, ClassifyRequest__Output as _finetune_inference_v1_ClassifyRequest__Output } from '../../../finetune/inference/v1/ClassifyRequest';
import type { ClassifyResponse as _finetune_inference_v1_ClassifyResponse, ClassifyResponse__Output as _finetune_inference_v1_ClassifyResponse__Output } from '../../../finetune/inference/v1/ClassifyResponse';
import type { ClassifyStreamRequest as _finetune_inference_v1_ClassifyStreamRequest, ClassifyStreamRequest__Output as _finetune_inference_v1_ClassifyStreamRequest__Output } from '../../../finetune/inference/v1/ClassifyStreamRequest';
import type { ClassifyStreamResponse as _finetune_inference_v1_ClassifyStreamResponse, ClassifyStreamResponse__Output as _finetune_inference_v1_ClassifyStreamResponse__Output } from '../../../finetune/inference/v1/ClassifyStreamResponse';
import type { GetModelRequest as _finetune_inference_v1_GetModelRequest, GetModelRequest__Output as _finetune_inference_v1_GetModelRequest__Output } from '../../../finetune/inference/v1/GetModelRequest';
import type { GetModelResponse as _finetune_inference_v1_GetModelResponse, GetModelResponse__Output as _finetune_inference_v1_GetModelResponse__Output } from '../../../finetune/inference/v1/GetModelResponse';

/**
 * Serves exported models; loads a new version when a `model.exported` event arrives.
 */
export interface InferenceServiceClient extends grpc.Client {
  /**
   * Classifies one image, e.g. `water (score = 5.46853)` as the reference printed it. An image that
   * does not decode is INVALID_ARGUMENT, one over the size limit RESOURCE_EXHAUSTED, an unknown
   * model or version NOT_FOUND.
   */
  Classify(argument: _finetune_inference_v1_ClassifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  Classify(argument: _finetune_inference_v1_ClassifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  Classify(argument: _finetune_inference_v1_ClassifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  Classify(argument: _finetune_inference_v1_ClassifyRequest, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Classifies one image, e.g. `water (score = 5.46853)` as the reference printed it. An image that
   * does not decode is INVALID_ARGUMENT, one over the size limit RESOURCE_EXHAUSTED, an unknown
   * model or version NOT_FOUND.
   */
  classify(argument: _finetune_inference_v1_ClassifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  classify(argument: _finetune_inference_v1_ClassifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  classify(argument: _finetune_inference_v1_ClassifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  classify(argument: _finetune_inference_v1_ClassifyRequest, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Classifies several images with one model in one call; one bad image fails the whole call with
   * an error naming its index.
   */
  ClassifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  ClassifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  ClassifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  ClassifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Classifies several images with one model in one call; one bad image fails the whole call with
   * an error naming its index.
   */
  classifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  classifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  classifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  classifyBatch(argument: _finetune_inference_v1_ClassifyBatchRequest, callback: grpc.requestCallback<_finetune_inference_v1_ClassifyBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Classifies images as they arrive on a bidirectional stream; each response echoes its request's
   * request_id, answers may come out of order, and a bad image yields a response carrying an
   * error instead of ending the stream.
   */
  ClassifyStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_finetune_inference_v1_ClassifyStreamRequest, _finetune_inference_v1_ClassifyStreamResponse__Output>;
  ClassifyStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_finetune_inference_v1_ClassifyStreamRequest, _finetune_inference_v1_ClassifyStreamResponse__Output>;
  /**
   * Classifies images as they arrive on a bidirectional stream; each response echoes its request's
   * request_id, answers may come out of order, and a bad image yields a response carrying an
   * error instead of ending the stream.
   */
  classifyStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_finetune_inference_v1_ClassifyStreamRequest, _finetune_inference_v1_ClassifyStreamResponse__Output>;
  classifyStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_finetune_inference_v1_ClassifyStreamRequest, _finetune_inference_v1_ClassifyStreamResponse__Output>;
  
  /**
   * Describes one loaded model version: its labels and the input it expects.
   */
  GetModel(argument: _finetune_inference_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _finetune_inference_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _finetune_inference_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  GetModel(argument: _finetune_inference_v1_GetModelRequest, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Describes one loaded model version: its labels and the input it expects.
   */
  getModel(argument: _finetune_inference_v1_GetModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  getModel(argument: _finetune_inference_v1_GetModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  getModel(argument: _finetune_inference_v1_GetModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  getModel(argument: _finetune_inference_v1_GetModelRequest, callback: grpc.requestCallback<_finetune_inference_v1_GetModelResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Serves exported models; loads a new version when a `model.exported` event arrives.
 */
export interface InferenceServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Classifies one image, e.g. `water (score = 5.46853)` as the reference printed it. An image that
   * does not decode is INVALID_ARGUMENT, one over the size limit RESOURCE_EXHAUSTED, an unknown
   * model or version NOT_FOUND.
   */
  Classify: grpc.handleUnaryCall<_finetune_inference_v1_ClassifyRequest__Output, _finetune_inference_v1_ClassifyResponse>;
  
  /**
   * Classifies several images with one model in one call; one bad image fails the whole call with
   * an error naming its index.
   */
  ClassifyBatch: grpc.handleUnaryCall<_finetune_inference_v1_ClassifyBatchRequest__Output, _finetune_inference_v1_ClassifyBatchResponse>;
  
  /**
   * Classifies images as they arrive on a bidirectional stream; each response echoes its request's
   * request_id, answers may come out of order, and a bad image yields a response carrying an
   * error instead of ending the stream.
   */
  ClassifyStream: grpc.handleBidiStreamingCall<_finetune_inference_v1_ClassifyStreamRequest__Output, _finetune_inference_v1_ClassifyStreamResponse>;
  
  /**
   * Describes one loaded model version: its labels and the input it expects.
   */
  GetModel: grpc.handleUnaryCall<_finetune_inference_v1_GetModelRequest__Output, _finetune_inference_v1_GetModelResponse>;
  
}

export interface InferenceServiceDefinition extends grpc.ServiceDefinition {
  Classify: MethodDefinition<_finetune_inference_v1_ClassifyRequest, _finetune_inference_v1_ClassifyResponse, _finetune_inference_v1_ClassifyRequest__Output, _finetune_inference_v1_ClassifyResponse__Output>
  ClassifyBatch: MethodDefinition<_finetune_inference_v1_ClassifyBatchRequest, _finetune_inference_v1_ClassifyBatchResponse, _finetune_inference_v1_ClassifyBatchRequest__Output, _finetune_inference_v1_ClassifyBatchResponse__Output>
  ClassifyStream: MethodDefinition<_finetune_inference_v1_ClassifyStreamRequest, _finetune_inference_v1_ClassifyStreamResponse, _finetune_inference_v1_ClassifyStreamRequest__Output, _finetune_inference_v1_ClassifyStreamResponse__Output>
  GetModel: MethodDefinition<_finetune_inference_v1_GetModelRequest, _finetune_inference_v1_GetModelResponse, _finetune_inference_v1_GetModelRequest__Output, _finetune_inference_v1_GetModelResponse__Output>
}
