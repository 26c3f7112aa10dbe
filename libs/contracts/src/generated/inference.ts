import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { InputSpec as _finetune_common_v1_InputSpec, InputSpec__Output as _finetune_common_v1_InputSpec__Output } from './finetune/common/v1/InputSpec';
import type { Classification as _finetune_inference_v1_Classification, Classification__Output as _finetune_inference_v1_Classification__Output } from './finetune/inference/v1/Classification';
import type { ClassifyBatchRequest as _finetune_inference_v1_ClassifyBatchRequest, ClassifyBatchRequest__Output as _finetune_inference_v1_ClassifyBatchRequest__Output } from './finetune/inference/v1/ClassifyBatchRequest';
import type { ClassifyBatchResponse as _finetune_inference_v1_ClassifyBatchResponse, ClassifyBatchResponse__Output as _finetune_inference_v1_ClassifyBatchResponse__Output } from './finetune/inference/v1/ClassifyBatchResponse';
import type { ClassifyError as _finetune_inference_v1_ClassifyError, ClassifyError__Output as _finetune_inference_v1_ClassifyError__Output } from './finetune/inference/v1/ClassifyError';
import type { ClassifyRequest as _finetune_inference_v1_ClassifyRequest, ClassifyRequest__Output as _finetune_inference_v1_ClassifyRequest__Output } from './finetune/inference/v1/ClassifyRequest';
import type { ClassifyResponse as _finetune_inference_v1_ClassifyResponse, ClassifyResponse__Output as _finetune_inference_v1_ClassifyResponse__Output } from './finetune/inference/v1/ClassifyResponse';
import type { ClassifyStreamRequest as _finetune_inference_v1_ClassifyStreamRequest, ClassifyStreamRequest__Output as _finetune_inference_v1_ClassifyStreamRequest__Output } from './finetune/inference/v1/ClassifyStreamRequest';
import type { ClassifyStreamResponse as _finetune_inference_v1_ClassifyStreamResponse, ClassifyStreamResponse__Output as _finetune_inference_v1_ClassifyStreamResponse__Output } from './finetune/inference/v1/ClassifyStreamResponse';
import type { GetModelRequest as _finetune_inference_v1_GetModelRequest, GetModelRequest__Output as _finetune_inference_v1_GetModelRequest__Output } from './finetune/inference/v1/GetModelRequest';
import type { GetModelResponse as _finetune_inference_v1_GetModelResponse, GetModelResponse__Output as _finetune_inference_v1_GetModelResponse__Output } from './finetune/inference/v1/GetModelResponse';
import type { InferenceServiceClient as _finetune_inference_v1_InferenceServiceClient, InferenceServiceDefinition as _finetune_inference_v1_InferenceServiceDefinition } from './finetune/inference/v1/InferenceService';
import type { Prediction as _finetune_inference_v1_Prediction, Prediction__Output as _finetune_inference_v1_Prediction__Output } from './finetune/inference/v1/Prediction';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  finetune: {
    common: {
      v1: {
        InputSpec: MessageTypeDefinition<_finetune_common_v1_InputSpec, _finetune_common_v1_InputSpec__Output>
        Preprocessing: EnumTypeDefinition
      }
    }
    inference: {
      v1: {
        Classification: MessageTypeDefinition<_finetune_inference_v1_Classification, _finetune_inference_v1_Classification__Output>
        ClassifyBatchRequest: MessageTypeDefinition<_finetune_inference_v1_ClassifyBatchRequest, _finetune_inference_v1_ClassifyBatchRequest__Output>
        ClassifyBatchResponse: MessageTypeDefinition<_finetune_inference_v1_ClassifyBatchResponse, _finetune_inference_v1_ClassifyBatchResponse__Output>
        ClassifyError: MessageTypeDefinition<_finetune_inference_v1_ClassifyError, _finetune_inference_v1_ClassifyError__Output>
        ClassifyRequest: MessageTypeDefinition<_finetune_inference_v1_ClassifyRequest, _finetune_inference_v1_ClassifyRequest__Output>
        ClassifyResponse: MessageTypeDefinition<_finetune_inference_v1_ClassifyResponse, _finetune_inference_v1_ClassifyResponse__Output>
        ClassifyStreamRequest: MessageTypeDefinition<_finetune_inference_v1_ClassifyStreamRequest, _finetune_inference_v1_ClassifyStreamRequest__Output>
        ClassifyStreamResponse: MessageTypeDefinition<_finetune_inference_v1_ClassifyStreamResponse, _finetune_inference_v1_ClassifyStreamResponse__Output>
        GetModelRequest: MessageTypeDefinition<_finetune_inference_v1_GetModelRequest, _finetune_inference_v1_GetModelRequest__Output>
        GetModelResponse: MessageTypeDefinition<_finetune_inference_v1_GetModelResponse, _finetune_inference_v1_GetModelResponse__Output>
        /**
         * Serves exported models; loads a new version when a `model.exported` event arrives.
         */
        InferenceService: SubtypeConstructor<typeof grpc.Client, _finetune_inference_v1_InferenceServiceClient> & { service: _finetune_inference_v1_InferenceServiceDefinition }
        Prediction: MessageTypeDefinition<_finetune_inference_v1_Prediction, _finetune_inference_v1_Prediction__Output>
      }
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

