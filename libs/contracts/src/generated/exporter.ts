import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Checkpoint as _finetune_common_v1_Checkpoint, Checkpoint__Output as _finetune_common_v1_Checkpoint__Output } from './finetune/common/v1/Checkpoint';
import type { EvaluationMetrics as _finetune_common_v1_EvaluationMetrics, EvaluationMetrics__Output as _finetune_common_v1_EvaluationMetrics__Output } from './finetune/common/v1/EvaluationMetrics';
import type { InputSpec as _finetune_common_v1_InputSpec, InputSpec__Output as _finetune_common_v1_InputSpec__Output } from './finetune/common/v1/InputSpec';
import type { ExportRequest as _finetune_exporter_v1_ExportRequest, ExportRequest__Output as _finetune_exporter_v1_ExportRequest__Output } from './finetune/exporter/v1/ExportRequest';
import type { ExportResponse as _finetune_exporter_v1_ExportResponse, ExportResponse__Output as _finetune_exporter_v1_ExportResponse__Output } from './finetune/exporter/v1/ExportResponse';
import type { ExportedModel as _finetune_exporter_v1_ExportedModel, ExportedModel__Output as _finetune_exporter_v1_ExportedModel__Output } from './finetune/exporter/v1/ExportedModel';
import type { ExporterServiceClient as _finetune_exporter_v1_ExporterServiceClient, ExporterServiceDefinition as _finetune_exporter_v1_ExporterServiceDefinition } from './finetune/exporter/v1/ExporterService';
import type { ListModelsRequest as _finetune_exporter_v1_ListModelsRequest, ListModelsRequest__Output as _finetune_exporter_v1_ListModelsRequest__Output } from './finetune/exporter/v1/ListModelsRequest';
import type { ListModelsResponse as _finetune_exporter_v1_ListModelsResponse, ListModelsResponse__Output as _finetune_exporter_v1_ListModelsResponse__Output } from './finetune/exporter/v1/ListModelsResponse';
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
        InputSpec: MessageTypeDefinition<_finetune_common_v1_InputSpec, _finetune_common_v1_InputSpec__Output>
        Preprocessing: EnumTypeDefinition
      }
    }
    exporter: {
      v1: {
        CheckpointSelector: EnumTypeDefinition
        ExportRequest: MessageTypeDefinition<_finetune_exporter_v1_ExportRequest, _finetune_exporter_v1_ExportRequest__Output>
        ExportResponse: MessageTypeDefinition<_finetune_exporter_v1_ExportResponse, _finetune_exporter_v1_ExportResponse__Output>
        ExportedModel: MessageTypeDefinition<_finetune_exporter_v1_ExportedModel, _finetune_exporter_v1_ExportedModel__Output>
        /**
         * Turns a checkpoint into a served model: graph, weights, labels, input size and preprocessing in one
         * directory of a model repository, so nothing else is needed to serve it.
         */
        ExporterService: SubtypeConstructor<typeof grpc.Client, _finetune_exporter_v1_ExporterServiceClient> & { service: _finetune_exporter_v1_ExporterServiceDefinition }
        ListModelsRequest: MessageTypeDefinition<_finetune_exporter_v1_ListModelsRequest, _finetune_exporter_v1_ListModelsRequest__Output>
        ListModelsResponse: MessageTypeDefinition<_finetune_exporter_v1_ListModelsResponse, _finetune_exporter_v1_ListModelsResponse__Output>
      }
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

