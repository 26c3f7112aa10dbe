// Original file: proto/finetune/dataset/v1/dataset.proto


/**
 * An input file that was not converted.
 */
export interface SkippedImage {
  /**
   * Path of the file as found under the source directory.
   */
  'path'?: (string);
  /**
   * Why it was skipped, e.g. `not a JPEG or PNG image` or `truncated JPEG data`.
   */
  'reason'?: (string);
}

/**
 * An input file that was not converted.
 */
export interface SkippedImage__Output {
  /**
   * Path of the file as found under the source directory.
   */
  'path': (string);
  /**
   * Why it was skipped, e.g. `not a JPEG or PNG image` or `truncated JPEG data`.
   */
  'reason': (string);
}
