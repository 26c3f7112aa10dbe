import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConversionProgress as _finetune_dataset_v1_ConversionProgress, ConversionProgress__Output as _finetune_dataset_v1_ConversionProgress__Output } from './finetune/dataset/v1/ConversionProgress';
import type { ConversionResult as _finetune_dataset_v1_ConversionResult, ConversionResult__Output as _finetune_dataset_v1_ConversionResult__Output } from './finetune/dataset/v1/ConversionResult';
import type { ConvertDatasetRequest as _finetune_dataset_v1_ConvertDatasetRequest, ConvertDatasetRequest__Output as _finetune_dataset_v1_ConvertDatasetRequest__Output } from './finetune/dataset/v1/ConvertDatasetRequest';
import type { ConvertDatasetResponse as _finetune_dataset_v1_ConvertDatasetResponse, ConvertDatasetResponse__Output as _finetune_dataset_v1_ConvertDatasetResponse__Output } from './finetune/dataset/v1/ConvertDatasetResponse';
import type { DatasetManifest as _finetune_dataset_v1_DatasetManifest, DatasetManifest__Output as _finetune_dataset_v1_DatasetManifest__Output } from './finetune/dataset/v1/DatasetManifest';
import type { DatasetServiceClient as _finetune_dataset_v1_DatasetServiceClient, DatasetServiceDefinition as _finetune_dataset_v1_DatasetServiceDefinition } from './finetune/dataset/v1/DatasetService';
import type { GetDatasetRequest as _finetune_dataset_v1_GetDatasetRequest, GetDatasetRequest__Output as _finetune_dataset_v1_GetDatasetRequest__Output } from './finetune/dataset/v1/GetDatasetRequest';
import type { GetDatasetResponse as _finetune_dataset_v1_GetDatasetResponse, GetDatasetResponse__Output as _finetune_dataset_v1_GetDatasetResponse__Output } from './finetune/dataset/v1/GetDatasetResponse';
import type { ListDatasetsRequest as _finetune_dataset_v1_ListDatasetsRequest, ListDatasetsRequest__Output as _finetune_dataset_v1_ListDatasetsRequest__Output } from './finetune/dataset/v1/ListDatasetsRequest';
import type { ListDatasetsResponse as _finetune_dataset_v1_ListDatasetsResponse, ListDatasetsResponse__Output as _finetune_dataset_v1_ListDatasetsResponse__Output } from './finetune/dataset/v1/ListDatasetsResponse';
import type { RatioSplit as _finetune_dataset_v1_RatioSplit, RatioSplit__Output as _finetune_dataset_v1_RatioSplit__Output } from './finetune/dataset/v1/RatioSplit';
import type { ShardManifest as _finetune_dataset_v1_ShardManifest, ShardManifest__Output as _finetune_dataset_v1_ShardManifest__Output } from './finetune/dataset/v1/ShardManifest';
import type { SkippedImage as _finetune_dataset_v1_SkippedImage, SkippedImage__Output as _finetune_dataset_v1_SkippedImage__Output } from './finetune/dataset/v1/SkippedImage';
import type { SplitDirectories as _finetune_dataset_v1_SplitDirectories, SplitDirectories__Output as _finetune_dataset_v1_SplitDirectories__Output } from './finetune/dataset/v1/SplitDirectories';
import type { SplitManifest as _finetune_dataset_v1_SplitManifest, SplitManifest__Output as _finetune_dataset_v1_SplitManifest__Output } from './finetune/dataset/v1/SplitManifest';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  finetune: {
    dataset: {
      v1: {
        ConversionProgress: MessageTypeDefinition<_finetune_dataset_v1_ConversionProgress, _finetune_dataset_v1_ConversionProgress__Output>
        ConversionResult: MessageTypeDefinition<_finetune_dataset_v1_ConversionResult, _finetune_dataset_v1_ConversionResult__Output>
        ConvertDatasetRequest: MessageTypeDefinition<_finetune_dataset_v1_ConvertDatasetRequest, _finetune_dataset_v1_ConvertDatasetRequest__Output>
        ConvertDatasetResponse: MessageTypeDefinition<_finetune_dataset_v1_ConvertDatasetResponse, _finetune_dataset_v1_ConvertDatasetResponse__Output>
        DatasetManifest: MessageTypeDefinition<_finetune_dataset_v1_DatasetManifest, _finetune_dataset_v1_DatasetManifest__Output>
        /**
         * Converts image folders to TFRecord shards (`<name>_train_00000-of-00002.tfrecord`) plus `label.txt`,
         * and serves the manifests that replace the reference's hand-written dataset file.
         */
        DatasetService: SubtypeConstructor<typeof grpc.Client, _finetune_dataset_v1_DatasetServiceClient> & { service: _finetune_dataset_v1_DatasetServiceDefinition }
        GetDatasetRequest: MessageTypeDefinition<_finetune_dataset_v1_GetDatasetRequest, _finetune_dataset_v1_GetDatasetRequest__Output>
        GetDatasetResponse: MessageTypeDefinition<_finetune_dataset_v1_GetDatasetResponse, _finetune_dataset_v1_GetDatasetResponse__Output>
        ListDatasetsRequest: MessageTypeDefinition<_finetune_dataset_v1_ListDatasetsRequest, _finetune_dataset_v1_ListDatasetsRequest__Output>
        ListDatasetsResponse: MessageTypeDefinition<_finetune_dataset_v1_ListDatasetsResponse, _finetune_dataset_v1_ListDatasetsResponse__Output>
        RatioSplit: MessageTypeDefinition<_finetune_dataset_v1_RatioSplit, _finetune_dataset_v1_RatioSplit__Output>
        ShardManifest: MessageTypeDefinition<_finetune_dataset_v1_ShardManifest, _finetune_dataset_v1_ShardManifest__Output>
        SkippedImage: MessageTypeDefinition<_finetune_dataset_v1_SkippedImage, _finetune_dataset_v1_SkippedImage__Output>
        SplitDirectories: MessageTypeDefinition<_finetune_dataset_v1_SplitDirectories, _finetune_dataset_v1_SplitDirectories__Output>
        SplitManifest: MessageTypeDefinition<_finetune_dataset_v1_SplitManifest, _finetune_dataset_v1_SplitManifest__Output>
      }
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

