// Original file: proto/finetune/dataset/v1/dataset.proto


/**
 * Asks for every known dataset; no filters yet.
 */
export interface ListDatasetsRequest {
}

/**
 * Asks for every known dataset; no filters yet.
 */
export interface ListDatasetsRequest__Output {
}
