import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Checkpoint as _finetune_common_v1_Checkpoint, Checkpoint__Output as _finetune_common_v1_Checkpoint__Output } from './finetune/common/v1/Checkpoint';
import type { EvaluationMetrics as _finetune_common_v1_EvaluationMetrics, EvaluationMetrics__Output as _finetune_common_v1_EvaluationMetrics__Output } from './finetune/common/v1/EvaluationMetrics';
import type { CheckpointSaved as _finetune_events_v1_CheckpointSaved, CheckpointSaved__Output as _finetune_events_v1_CheckpointSaved__Output } from './finetune/events/v1/CheckpointSaved';
import type { DatasetConverted as _finetune_events_v1_DatasetConverted, DatasetConverted__Output as _finetune_events_v1_DatasetConverted__Output } from './finetune/events/v1/DatasetConverted';
import type { EvaluationDone as _finetune_events_v1_EvaluationDone, EvaluationDone__Output as _finetune_events_v1_EvaluationDone__Output } from './finetune/events/v1/EvaluationDone';
import type { JobProgress as _finetune_events_v1_JobProgress, JobProgress__Output as _finetune_events_v1_JobProgress__Output } from './finetune/events/v1/JobProgress';
import type { ModelExported as _finetune_events_v1_ModelExported, ModelExported__Output as _finetune_events_v1_ModelExported__Output } from './finetune/events/v1/ModelExported';
import type { GetJobRequest as _finetune_trainer_v1_GetJobRequest, GetJobRequest__Output as _finetune_trainer_v1_GetJobRequest__Output } from './finetune/trainer/v1/GetJobRequest';
import type { GetJobResponse as _finetune_trainer_v1_GetJobResponse, GetJobResponse__Output as _finetune_trainer_v1_GetJobResponse__Output } from './finetune/trainer/v1/GetJobResponse';
import type { Job as _finetune_trainer_v1_Job, Job__Output as _finetune_trainer_v1_Job__Output } from './finetune/trainer/v1/Job';
import type { ListJobsRequest as _finetune_trainer_v1_ListJobsRequest, ListJobsRequest__Output as _finetune_trainer_v1_ListJobsRequest__Output } from './finetune/trainer/v1/ListJobsRequest';
import type { ListJobsResponse as _finetune_trainer_v1_ListJobsResponse, ListJobsResponse__Output as _finetune_trainer_v1_ListJobsResponse__Output } from './finetune/trainer/v1/ListJobsResponse';
import type { StartTrainingRequest as _finetune_trainer_v1_StartTrainingRequest, StartTrainingRequest__Output as _finetune_trainer_v1_StartTrainingRequest__Output } from './finetune/trainer/v1/StartTrainingRequest';
import type { StartTrainingResponse as _finetune_trainer_v1_StartTrainingResponse, StartTrainingResponse__Output as _finetune_trainer_v1_StartTrainingResponse__Output } from './finetune/trainer/v1/StartTrainingResponse';
import type { StopJobRequest as _finetune_trainer_v1_StopJobRequest, StopJobRequest__Output as _finetune_trainer_v1_StopJobRequest__Output } from './finetune/trainer/v1/StopJobRequest';
import type { StopJobResponse as _finetune_trainer_v1_StopJobResponse, StopJobResponse__Output as _finetune_trainer_v1_StopJobResponse__Output } from './finetune/trainer/v1/StopJobResponse';
import type { TrainerServiceClient as _finetune_trainer_v1_TrainerServiceClient, TrainerServiceDefinition as _finetune_trainer_v1_TrainerServiceDefinition } from './finetune/trainer/v1/TrainerService';
import type { TrainingConfig as _finetune_trainer_v1_TrainingConfig, TrainingConfig__Output as _finetune_trainer_v1_TrainingConfig__Output } from './finetune/trainer/v1/TrainingConfig';
import type { WatchJobRequest as _finetune_trainer_v1_WatchJobRequest, WatchJobRequest__Output as _finetune_trainer_v1_WatchJobRequest__Output } from './finetune/trainer/v1/WatchJobRequest';
import type { WatchJobResponse as _finetune_trainer_v1_WatchJobResponse, WatchJobResponse__Output as _finetune_trainer_v1_WatchJobResponse__Output } from './finetune/trainer/v1/WatchJobResponse';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  finetune: {
    common: {
      v1: {
        Checkpoint: MessageTypeDefinition<_finetune_common_v1_Checkpoint, _finetune_common_v1_Checkpoint__Output>
        EvaluationMetrics: MessageTypeDefinition<_finetune_common_v1_EvaluationMetrics, _finetune_common_v1_EvaluationMetrics__Output>
        JobState: EnumTypeDefinition
      }
    }
    events: {
      v1: {
        CheckpointSaved: MessageTypeDefinition<_finetune_events_v1_CheckpointSaved, _finetune_events_v1_CheckpointSaved__Output>
        DatasetConverted: MessageTypeDefinition<_finetune_events_v1_DatasetConverted, _finetune_events_v1_DatasetConverted__Output>
        EvaluationDone: MessageTypeDefinition<_finetune_events_v1_EvaluationDone, _finetune_events_v1_EvaluationDone__Output>
        JobProgress: MessageTypeDefinition<_finetune_events_v1_JobProgress, _finetune_events_v1_JobProgress__Output>
        ModelExported: MessageTypeDefinition<_finetune_events_v1_ModelExported, _finetune_events_v1_ModelExported__Output>
      }
    }
    trainer: {
      v1: {
        BatchNormMode: EnumTypeDefinition
        ClassWeights: EnumTypeDefinition
        GetJobRequest: MessageTypeDefinition<_finetune_trainer_v1_GetJobRequest, _finetune_trainer_v1_GetJobRequest__Output>
        GetJobResponse: MessageTypeDefinition<_finetune_trainer_v1_GetJobResponse, _finetune_trainer_v1_GetJobResponse__Output>
        Job: MessageTypeDefinition<_finetune_trainer_v1_Job, _finetune_trainer_v1_Job__Output>
        LearningRateDecayType: EnumTypeDefinition
        ListJobsRequest: MessageTypeDefinition<_finetune_trainer_v1_ListJobsRequest, _finetune_trainer_v1_ListJobsRequest__Output>
        ListJobsResponse: MessageTypeDefinition<_finetune_trainer_v1_ListJobsResponse, _finetune_trainer_v1_ListJobsResponse__Output>
        Optimizer: EnumTypeDefinition
        StartTrainingRequest: MessageTypeDefinition<_finetune_trainer_v1_StartTrainingRequest, _finetune_trainer_v1_StartTrainingRequest__Output>
        StartTrainingResponse: MessageTypeDefinition<_finetune_trainer_v1_StartTrainingResponse, _finetune_trainer_v1_StartTrainingResponse__Output>
        StopJobRequest: MessageTypeDefinition<_finetune_trainer_v1_StopJobRequest, _finetune_trainer_v1_StopJobRequest__Output>
        StopJobResponse: MessageTypeDefinition<_finetune_trainer_v1_StopJobResponse, _finetune_trainer_v1_StopJobResponse__Output>
        /**
         * Runs training jobs: restores a pretrained (or the newest own) checkpoint, trains the chosen scopes
         * and saves checkpoints into the job's train_dir.
         */
        TrainerService: SubtypeConstructor<typeof grpc.Client, _finetune_trainer_v1_TrainerServiceClient> & { service: _finetune_trainer_v1_TrainerServiceDefinition }
        TrainingConfig: MessageTypeDefinition<_finetune_trainer_v1_TrainingConfig, _finetune_trainer_v1_TrainingConfig__Output>
        WatchJobRequest: MessageTypeDefinition<_finetune_trainer_v1_WatchJobRequest, _finetune_trainer_v1_WatchJobRequest__Output>
        WatchJobResponse: MessageTypeDefinition<_finetune_trainer_v1_WatchJobResponse, _finetune_trainer_v1_WatchJobResponse__Output>
      }
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

