import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { EvaluationMetrics as _finetune_common_v1_EvaluationMetrics, EvaluationMetrics__Output as _finetune_common_v1_EvaluationMetrics__Output } from './finetune/common/v1/EvaluationMetrics';
import type { ClassMetrics as _finetune_evaluator_v1_ClassMetrics, ClassMetrics__Output as _finetune_evaluator_v1_ClassMetrics__Output } from './finetune/evaluator/v1/ClassMetrics';
import type { ConfusionMatrix as _finetune_evaluator_v1_ConfusionMatrix, ConfusionMatrix__Output as _finetune_evaluator_v1_ConfusionMatrix__Output } from './finetune/evaluator/v1/ConfusionMatrix';
import type { EvaluateRequest as _finetune_evaluator_v1_EvaluateRequest, EvaluateRequest__Output as _finetune_evaluator_v1_EvaluateRequest__Output } from './finetune/evaluator/v1/EvaluateRequest';
import type { EvaluateResponse as _finetune_evaluator_v1_EvaluateResponse, EvaluateResponse__Output as _finetune_evaluator_v1_EvaluateResponse__Output } from './finetune/evaluator/v1/EvaluateResponse';
import type { Evaluation as _finetune_evaluator_v1_Evaluation, Evaluation__Output as _finetune_evaluator_v1_Evaluation__Output } from './finetune/evaluator/v1/Evaluation';
import type { EvaluatorServiceClient as _finetune_evaluator_v1_EvaluatorServiceClient, EvaluatorServiceDefinition as _finetune_evaluator_v1_EvaluatorServiceDefinition } from './finetune/evaluator/v1/EvaluatorService';
import type { ListEvaluationsRequest as _finetune_evaluator_v1_ListEvaluationsRequest, ListEvaluationsRequest__Output as _finetune_evaluator_v1_ListEvaluationsRequest__Output } from './finetune/evaluator/v1/ListEvaluationsRequest';
import type { ListEvaluationsResponse as _finetune_evaluator_v1_ListEvaluationsResponse, ListEvaluationsResponse__Output as _finetune_evaluator_v1_ListEvaluationsResponse__Output } from './finetune/evaluator/v1/ListEvaluationsResponse';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  finetune: {
    common: {
      v1: {
        EvaluationMetrics: MessageTypeDefinition<_finetune_common_v1_EvaluationMetrics, _finetune_common_v1_EvaluationMetrics__Output>
      }
    }
    evaluator: {
      v1: {
        ClassMetrics: MessageTypeDefinition<_finetune_evaluator_v1_ClassMetrics, _finetune_evaluator_v1_ClassMetrics__Output>
        ConfusionMatrix: MessageTypeDefinition<_finetune_evaluator_v1_ConfusionMatrix, _finetune_evaluator_v1_ConfusionMatrix__Output>
        EvaluateRequest: MessageTypeDefinition<_finetune_evaluator_v1_EvaluateRequest, _finetune_evaluator_v1_EvaluateRequest__Output>
        EvaluateResponse: MessageTypeDefinition<_finetune_evaluator_v1_EvaluateResponse, _finetune_evaluator_v1_EvaluateResponse__Output>
        Evaluation: MessageTypeDefinition<_finetune_evaluator_v1_Evaluation, _finetune_evaluator_v1_Evaluation__Output>
        EvaluationStatus: EnumTypeDefinition
        /**
         * Evaluates checkpoints on a dataset split, on request or when a `checkpoint.saved` event arrives,
         * and keeps the results so each checkpoint is evaluated once per split.
         */
        EvaluatorService: SubtypeConstructor<typeof grpc.Client, _finetune_evaluator_v1_EvaluatorServiceClient> & { service: _finetune_evaluator_v1_EvaluatorServiceDefinition }
        ListEvaluationsRequest: MessageTypeDefinition<_finetune_evaluator_v1_ListEvaluationsRequest, _finetune_evaluator_v1_ListEvaluationsRequest__Output>
        ListEvaluationsResponse: MessageTypeDefinition<_finetune_evaluator_v1_ListEvaluationsResponse, _finetune_evaluator_v1_ListEvaluationsResponse__Output>
      }
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

