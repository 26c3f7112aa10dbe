// Original file: proto/finetune/dataset/v1/dataset.proto


/**
 * Names one dataset.
 */
export interface GetDatasetRequest {
  /**
   * Dataset directory (the conversion's output_directory).
   */
  'directory'?: (string);
  /**
   * Dataset name given at conversion, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * How the dataset is named.
   */
  'dataset'?: "directory"|"dataset_name";
}

/**
 * Names one dataset.
 */
export interface GetDatasetRequest__Output {
  /**
   * Dataset directory (the conversion's output_directory).
   */
  'directory'?: (string);
  /**
   * Dataset name given at conversion, e.g. `flowers`.
   */
  'dataset_name'?: (string);
  /**
   * How the dataset is named.
   */
  'dataset'?: "directory"|"dataset_name";
}
