// Original file: proto/finetune/evaluator/v1/evaluator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EvaluateRequest as _finetune_evaluator_v1_EvaluateRequest, EvaluateRequest__Output as _finetune_evaluator_v1_EvaluateRequest__Output } from '../../../finetune/evaluator/v1/EvaluateRequest';
import type { EvaluateResponse as _finetune_evaluator_v1_EvaluateResponse, EvaluateResponse__Output as _finetune_evaluator_v1_EvaluateResponse__Output } from '../../../finetune/evaluator/v1/EvaluateResponse';
import type { ListEvaluationsRequest as _finetune_evaluator_v1_ListEvaluationsRequest, ListEvaluationsRequest__Output as _finetune_evaluator_v1_ListEvaluationsRequest__Output } from '../../../finetune/evaluator/v1/ListEvaluationsRequest';
import type { ListEvaluationsResponse as _finetune_evaluator_v1_ListEvaluationsResponse, ListEvaluationsResponse__Output as _finetune_evaluator_v1_ListEvaluationsResponse__Output } from '../../../finetune/evaluator/v1/ListEvaluationsResponse';

/**
 * Evaluates checkpoints on a dataset split, on request or when a `checkpoint.saved` event arrives,
 * and keeps the results so each checkpoint is evaluated once per split.
 */
export interface EvaluatorServiceClient extends grpc.Client {
  /**
   * Evaluates one checkpoint, or returns the stored evaluation (status SKIPPED) if it was already
   * evaluated on that split; a checkpoint or dataset that does not exist is NOT_FOUND.
   */
  Evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Evaluates one checkpoint, or returns the stored evaluation (status SKIPPED) if it was already
   * evaluated on that split; a checkpoint or dataset that does not exist is NOT_FOUND.
   */
  evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _finetune_evaluator_v1_EvaluateRequest, callback: grpc.requestCallback<_finetune_evaluator_v1_EvaluateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the stored evaluations of one training job or train directory, by step.
   */
  ListEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  ListEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  ListEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  ListEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the stored evaluations of one training job or train directory, by step.
   */
  listEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  listEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  listEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  listEvaluations(argument: _finetune_evaluator_v1_ListEvaluationsRequest, callback: grpc.requestCallback<_finetune_evaluator_v1_ListEvaluationsResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Evaluates checkpoints on a dataset split, on request or when a `checkpoint.saved` event arrives,
 * and keeps the results so each checkpoint is evaluated once per split.
 */
export interface EvaluatorServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Evaluates one checkpoint, or returns the stored evaluation (status SKIPPED) if it was already
   * evaluated on that split; a checkpoint or dataset that does not exist is NOT_FOUND.
   */
  Evaluate: grpc.handleUnaryCall<_finetune_evaluator_v1_EvaluateRequest__Output, _finetune_evaluator_v1_EvaluateResponse>;
  
  /**
   * Lists the stored evaluations of one training job or train directory, by step.
   */
  ListEvaluations: grpc.handleUnaryCall<_finetune_evaluator_v1_ListEvaluationsRequest__Output, _finetune_evaluator_v1_ListEvaluationsResponse>;
  
}

export interface EvaluatorServiceDefinition extends grpc.ServiceDefinition {
  Evaluate: MethodDefinition<_finetune_evaluator_v1_EvaluateRequest, _finetune_evaluator_v1_EvaluateResponse, _finetune_evaluator_v1_EvaluateRequest__Output, _finetune_evaluator_v1_EvaluateResponse__Output>
  ListEvaluations: MethodDefinition<_finetune_evaluator_v1_ListEvaluationsRequest, _finetune_evaluator_v1_ListEvaluationsResponse, _finetune_evaluator_v1_ListEvaluationsRequest__Output, _finetune_evaluator_v1_ListEvaluationsResponse__Output>
}
