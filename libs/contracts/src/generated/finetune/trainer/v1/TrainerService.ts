// Original file: proto/finetune/trainer/v1/trainer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetJobRequest as _finetune_trainer_v1_GetJobRequest, GetJobRequest__Output as _finetune_trainer_v1_GetJobRequest__Output } from '../../../finetune/trainer/v1/GetJobRequest';
import type { GetJobResponse as _finetune_trainer_v1_GetJobResponse, GetJobResponse__Output as _finetune_trainer_v1_GetJobResponse__Output } from '../../../finetune/trainer/v1/GetJobResponse';
import type { ListJobsRequest as _finetune_trainer_v1_ListJobsRequest, ListJobsRequest__Output as _finetune_trainer_v1_ListJobsRequest__Output } from '../../../finetune/trainer/v1/ListJobsRequest';
import type { ListJobsResponse as _finetune_trainer_v1_ListJobsResponse, ListJobsResponse__Output as _finetune_trainer_v1_ListJobsResponse__Output } from '../../../finetune/trainer/v1/ListJobsResponse';
import type { StartTrainingRequest as _finetune_trainer_v1_StartTrainingRequest, StartTrainingRequest__Output as _finetune_trainer_v1_StartTrainingRequest__Output } from '../../../finetune/trainer/v1/StartTrainingRequest';
import type { StartTrainingResponse as _finetune_trainer_v1_StartTrainingResponse, StartTrainingResponse__Output as _finetune_trainer_v1_StartTrainingResponse__Output } from '../../../finetune/trainer/v1/StartTrainingResponse';
import type { StopJobRequest as _finetune_trainer_v1_StopJobRequest, StopJobRequest__Output as _finetune_trainer_v1_StopJobRequest__Output } from '../../../finetune/trainer/v1/StopJobRequest';
import type { StopJobResponse as _finetune_trainer_v1_StopJobResponse, StopJobResponse__Output as _finetune_trainer_v1_StopJobResponse__Output } from '../../../finetune/trainer/v1/StopJobResponse';
import type { WatchJobRequest as _finetune_trainer_v1_WatchJobRequest, WatchJobRequest__Output as _finetune_trainer_v1_WatchJobRequest__Output } from '../../../finetune/trainer/v1/WatchJobRequest';
import type { WatchJobResponse as _finetune_trainer_v1_WatchJobResponse, WatchJobResponse__Output as _finetune_trainer_v1_WatchJobResponse__Output } from '../../../finetune/trainer/v1/WatchJobResponse';

/**
 * Runs training jobs: restores a pretrained (or the newest own) checkpoint, trains the chosen scopes
 * and saves checkpoints into the job's train_dir.
 */
export interface TrainerServiceClient extends grpc.Client {
  /**
   * Returns one job by id; an unknown id is NOT_FOUND.
   */
  GetJob(argument: _finetune_trainer_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _finetune_trainer_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _finetune_trainer_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _finetune_trainer_v1_GetJobRequest, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns one job by id; an unknown id is NOT_FOUND.
   */
  getJob(argument: _finetune_trainer_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _finetune_trainer_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _finetune_trainer_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _finetune_trainer_v1_GetJobRequest, callback: grpc.requestCallback<_finetune_trainer_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists jobs, newest first, optionally filtered.
   */
  ListJobs(argument: _finetune_trainer_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _finetune_trainer_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _finetune_trainer_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _finetune_trainer_v1_ListJobsRequest, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists jobs, newest first, optionally filtered.
   */
  listJobs(argument: _finetune_trainer_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _finetune_trainer_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _finetune_trainer_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _finetune_trainer_v1_ListJobsRequest, callback: grpc.requestCallback<_finetune_trainer_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Starts a job and returns it at once, usually QUEUED; a bad flag, model or scope is an
   * INVALID_ARGUMENT error, a live job on the same train_dir is ALREADY_EXISTS.
   */
  StartTraining(argument: _finetune_trainer_v1_StartTrainingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  StartTraining(argument: _finetune_trainer_v1_StartTrainingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  StartTraining(argument: _finetune_trainer_v1_StartTrainingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  StartTraining(argument: _finetune_trainer_v1_StartTrainingRequest, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Starts a job and returns it at once, usually QUEUED; a bad flag, model or scope is an
   * INVALID_ARGUMENT error, a live job on the same train_dir is ALREADY_EXISTS.
   */
  startTraining(argument: _finetune_trainer_v1_StartTrainingRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  startTraining(argument: _finetune_trainer_v1_StartTrainingRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  startTraining(argument: _finetune_trainer_v1_StartTrainingRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  startTraining(argument: _finetune_trainer_v1_StartTrainingRequest, callback: grpc.requestCallback<_finetune_trainer_v1_StartTrainingResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Asks a live job to stop after its current step; it saves a checkpoint and ends STOPPED.
   * Stopping a job that has already ended changes nothing and returns it as it is.
   */
  StopJob(argument: _finetune_trainer_v1_StopJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  StopJob(argument: _finetune_trainer_v1_StopJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  StopJob(argument: _finetune_trainer_v1_StopJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  StopJob(argument: _finetune_trainer_v1_StopJobRequest, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Asks a live job to stop after its current step; it saves a checkpoint and ends STOPPED.
   * Stopping a job that has already ended changes nothing and returns it as it is.
   */
  stopJob(argument: _finetune_trainer_v1_StopJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  stopJob(argument: _finetune_trainer_v1_StopJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  stopJob(argument: _finetune_trainer_v1_StopJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  stopJob(argument: _finetune_trainer_v1_StopJobRequest, callback: grpc.requestCallback<_finetune_trainer_v1_StopJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Streams a job's progress: its current progress at once, then every change, ending after the
   * message that carries a final state.
   */
  WatchJob(argument: _finetune_trainer_v1_WatchJobRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_trainer_v1_WatchJobResponse__Output>;
  WatchJob(argument: _finetune_trainer_v1_WatchJobRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_trainer_v1_WatchJobResponse__Output>;
  /**
   * Streams a job's progress: its current progress at once, then every change, ending after the
   * message that carries a final state.
   */
  watchJob(argument: _finetune_trainer_v1_WatchJobRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_trainer_v1_WatchJobResponse__Output>;
  watchJob(argument: _finetune_trainer_v1_WatchJobRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_finetune_trainer_v1_WatchJobResponse__Output>;
  
}

/**
 * Runs training jobs: restores a pretrained (or the newest own) checkpoint, trains the chosen scopes
 * and saves checkpoints into the job's train_dir.
 */
export interface TrainerServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Returns one job by id; an unknown id is NOT_FOUND.
   */
  GetJob: grpc.handleUnaryCall<_finetune_trainer_v1_GetJobRequest__Output, _finetune_trainer_v1_GetJobResponse>;
  
  /**
   * Lists jobs, newest first, optionally filtered.
   */
  ListJobs: grpc.handleUnaryCall<_finetune_trainer_v1_ListJobsRequest__Output, _finetune_trainer_v1_ListJobsResponse>;
  
  /**
   * Starts a job and returns it at once, usually QUEUED; a bad flag, model or scope is an
   * INVALID_ARGUMENT error, a live job on the same train_dir is ALREADY_EXISTS.
   */
  StartTraining: grpc.handleUnaryCall<_finetune_trainer_v1_StartTrainingRequest__Output, _finetune_trainer_v1_StartTrainingResponse>;
  
  /**
   * Asks a live job to stop after its current step; it saves a checkpoint and ends STOPPED.
   * Stopping a job that has already ended changes nothing and returns it as it is.
   */
  StopJob: grpc.handleUnaryCall<_finetune_trainer_v1_StopJobRequest__Output, _finetune_trainer_v1_StopJobResponse>;
  
  /**
   * Streams a job's progress: its current progress at once, then every change, ending after the
   * message that carries a final state.
   */
  WatchJob: grpc.handleServerStreamingCall<_finetune_trainer_v1_WatchJobRequest__Output, _finetune_trainer_v1_WatchJobResponse>;
  
}

export interface TrainerServiceDefinition extends grpc.ServiceDefinition {
  GetJob: MethodDefinition<_finetune_trainer_v1_GetJobRequest, _finetune_trainer_v1_GetJobResponse, _finetune_trainer_v1_GetJobRequest__Output, _finetune_trainer_v1_GetJobResponse__Output>
  ListJobs: MethodDefinition<_finetune_trainer_v1_ListJobsRequest, _finetune_trainer_v1_ListJobsResponse, _finetune_trainer_v1_ListJobsRequest__Output, _finetune_trainer_v1_ListJobsResponse__Output>
  StartTraining: MethodDefinition<_finetune_trainer_v1_StartTrainingRequest, _finetune_trainer_v1_StartTrainingResponse, _finetune_trainer_v1_StartTrainingRequest__Output, _finetune_trainer_v1_StartTrainingResponse__Output>
  StopJob: MethodDefinition<_finetune_trainer_v1_StopJobRequest, _finetune_trainer_v1_StopJobResponse, _finetune_trainer_v1_StopJobRequest__Output, _finetune_trainer_v1_StopJobResponse__Output>
  WatchJob: MethodDefinition<_finetune_trainer_v1_WatchJobRequest, _finetune_trainer_v1_WatchJobResponse, _finetune_trainer_v1_WatchJobRequest__Output, _finetune_trainer_v1_WatchJobResponse__Output>
}
