// Original file: proto/finetune/dataset/v1/dataset.proto


/**
 * Source layout where the two splits are already separate folders, as in the reference `pic/train`
 * and `pic/validation`.
 */
export interface SplitDirectories {
  /**
   * Directory whose sub-directories are the classes of the train split; their sorted names are the
   * labels (line i of `label.txt` is label i).
   */
  'train_directory'?: (string);
  /**
   * Directory whose sub-directories are the classes of the validation split; every class in it must
   * also exist in train_directory.
   */
  'validation_directory'?: (string);
}

/**
 * Source layout where the two splits are already separate folders, as in the reference `pic/train`
 * and `pic/validation`.
 */
export interface SplitDirectories__Output {
  /**
   * Directory whose sub-directories are the classes of the train split; their sorted names are the
   * labels (line i of `label.txt` is label i).
   */
  'train_directory': (string);
  /**
   * Directory whose sub-directories are the classes of the validation split; every class in it must
   * also exist in train_directory.
   */
  'validation_directory': (string);
}
